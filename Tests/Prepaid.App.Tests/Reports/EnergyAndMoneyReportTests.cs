using Microsoft.EntityFrameworkCore;
using Prepaid.App.Kernel.Reporting;
using Prepaid.App.Persistence.Entities;
using Prepaid.App.Reports;
using Prepaid.App.Tests.Support;
using Prepaid.Domain.Metering;
using Prepaid.Domain.Model;
using UglyToad.PdfPig;
using static Prepaid.App.Tests.Reports.ReportTestHost;

namespace Prepaid.App.Tests.Reports;

public sealed class EnergyAndMoneyReportTests
{
    private static readonly DateTimeOffset Seeded = Local(2026, 10, 20, 9);
    private static readonly ReportPeriod November = ReportPeriod.Month(2026, 11);

    private sealed record Fixture(List<LedgerEntry> Entries, int ElectricityMeter, int WaterMeter, int Account, int ReplacedMeter);

    private static FreezeReading Freeze(int meter, DateOnly day, decimal value) =>
        new() { MeterId = meter, Kind = FreezeKind.Daily, Period = day, At = Local(day.Year, day.Month, day.Day), Value = value };

    private static async Task<Fixture> ArrangeAsync(ReportTestHost host)
    {
        await using var db = host.Database.CreateDbContext();
        // A food-court stall: its account has an electricity and a water meter.
        var water = await db.Meters.Where(m => m.Kind == MeterKind.Water).OrderBy(m => m.Id).FirstAsync();
        var account = water.AccountId!.Value;
        var electricity = await db.Meters.Where(m => m.AccountId == account && m.Kind == MeterKind.Electricity).OrderBy(m => m.Id).FirstAsync();
        var other = await db.Meters.Where(m => m.Kind == MeterKind.Electricity && m.Role == MeterRole.Tenant && m.AccountId != account).OrderBy(m => m.Id).FirstAsync();
        var a2 = other.AccountId!.Value;

        await host.AddAsync(
        [
            Freeze(electricity.Id, new DateOnly(2026, 11, 1), 1000.5m), Freeze(electricity.Id, new DateOnly(2026, 12, 1), 1789.1234m),
            Freeze(water.Id, new DateOnly(2026, 11, 1), 20m), Freeze(water.Id, new DateOnly(2026, 12, 1), 31.25m),
            // Went backwards (meter replaced): no consumption.
            Freeze(other.Id, new DateOnly(2026, 11, 1), 500m), Freeze(other.Id, new DateOnly(2026, 12, 1), 3m),
            // A freeze on a day in between is not an opening or closing value.
            Freeze(electricity.Id, new DateOnly(2026, 11, 15), 1400m),
        ]);
        List<LedgerEntry> entries =
        [
            host.Entry(account, LedgerEntryKind.Recharge, 300m, Local(2026, 10, 31, 23, 59, 59), method: PaymentMethod.Cash),
            host.Entry(account, LedgerEntryKind.Recharge, 1000m, Local(2026, 11, 1), method: PaymentMethod.Cash),
            host.Entry(account, LedgerEntryKind.EnergyCharge, -456.7891m, Local(2026, 11, 30, 23)),
            host.Entry(account, LedgerEntryKind.WaterCharge, -61.5m, Local(2026, 11, 30, 23)),
            host.Entry(account, LedgerEntryKind.PropertyFee, -200m, Local(2026, 11, 1, 0, 10)),
            host.Entry(a2, LedgerEntryKind.Refund, -20m, Local(2026, 11, 10), method: PaymentMethod.Cash),
            host.Entry(a2, LedgerEntryKind.Adjustment, 3.3333m, Local(2026, 11, 11)),
            host.Entry(a2, LedgerEntryKind.Recharge, 77m, Local(2026, 12, 1), method: PaymentMethod.Cash),
        ];
        await host.AddAsync(entries);
        return new Fixture(entries, electricity.Id, water.Id, account, other.Id);
    }

    [Fact]
    public async Task EnergyAndMoney_Month_OpeningClosingAndTotalsEqualFreezesAndLedger()
    {
        await using var host = await CreateAsync(Seeded);
        var f = await ArrangeAsync(host);
        var (start, end) = (Local(2026, 11, 1), Local(2026, 12, 1));
        await using var db = host.Database.CreateDbContext();
        var all = await db.LedgerEntries.ToListAsync();

        var report = await host.Generator.BuildAsync(ReportKind.EnergyAndMoney, November, "en", "tester", null, CancellationToken.None);

        var table = report.Tables[0];
        var number = await db.Accounts.Where(a => a.Id == f.Account).Select(a => a.Number).SingleAsync();
        var rows = table.Rows.Where(r => Equals(r[7], number)).ToList();
        Assert.Equal(2, rows.Count);
        var e = rows.Single(r => r[2] is 1000.5m);
        Assert.Equal([1000.5m, 1789.1234m, 788.6234m], e[2..5]);
        var w = rows.Single(r => r[2] is 20m);
        Assert.Equal(11.25m, w[4]);
        // Money once per account, on its first row.
        var money = rows.Single(r => r[8] is not null);
        var opening = all.Where(x => x.AccountId == f.Account && x.OccurredAt < start).Sum(x => x.Amount);
        var closing = all.Where(x => x.AccountId == f.Account && x.OccurredAt < end).Sum(x => x.Amount);
        Assert.Equal([opening, 1000m, 0m, -518.2891m, -200m, 0m, 0m, closing], money[8..16]);
        // Without a reading of what a self-billing meter held at the closing, the closing money is unknown, not the ledger alone.
        var selfBilling = await db.Meters.AnyAsync(m => m.AccountId == f.Account && m.BillingMode == BillingMode.Meter);
        Assert.Equal(selfBilling ? null : closing, money[16]);
        Assert.Null(table.Rows.Single(r => (string)r[0]! != "" && r[2] is 500m)[4]);

        // Totals against the whole ledger, computed here.
        var totals = table.Totals[0];
        decimal InPeriod(params LedgerEntryKind[] kinds) => all.Where(x => x.OccurredAt >= start && x.OccurredAt < end && kinds.Contains(x.Kind)).Sum(x => x.Amount);
        Assert.Equal(all.Where(x => x.OccurredAt < start || (x.OccurredAt < end && x.Kind == LedgerEntryKind.OpeningBalance)).Sum(x => x.Amount), totals[8]);
        Assert.Equal(InPeriod(LedgerEntryKind.Recharge), totals[9]);
        Assert.Equal(InPeriod(LedgerEntryKind.MeterPurchase), totals[10]);
        Assert.Equal(InPeriod(LedgerEntryKind.EnergyCharge, LedgerEntryKind.WaterCharge), totals[11]);
        Assert.Equal(InPeriod(LedgerEntryKind.PropertyFee), totals[12]);
        Assert.Equal(InPeriod(LedgerEntryKind.PublicAreaShare), totals[13]);
        Assert.Equal(-16.6667m, totals[14]);
        Assert.Equal(InPeriod(LedgerEntryKind.Refund, LedgerEntryKind.Reversal, LedgerEntryKind.Adjustment), totals[14]);
        Assert.Equal(all.Where(x => x.OccurredAt < end).Sum(x => x.Amount), totals[15]);
        // Most shop meters have no freezes here (and one went backwards): the consumption totals are unknown, not partial sums.
        Assert.Null(totals[4]);
        Assert.Null(table.Totals[1][4]);
    }

    [Fact]
    public async Task EnergyAndMoney_EveryShopMeterRead_TotalsAreTheSumsOfTheShopMeters()
    {
        await using var host = await CreateAsync(Seeded);
        var (expectedKwh, expectedM3) = await FreezeEveryMeterAsync(host, skip: null);

        var report = await host.Generator.BuildAsync(ReportKind.EnergyAndMoney, November, "en", "tester", null, CancellationToken.None);

        Assert.True(expectedKwh > 0 && expectedM3 > 0);
        Assert.Equal((object?)expectedKwh, report.Tables[0].Totals[0][4]);
        Assert.Equal((object?)expectedM3, report.Tables[0].Totals[1][4]);
    }

    [Theory]
    [InlineData(MeterKind.Electricity, "en")]
    [InlineData(MeterKind.Water, "zh-CN")]
    public async Task EnergyAndMoney_OneShopMeterWithoutClosingFreeze_ItsKindsTotalIsEmptyAndTheNoteSaysWhy(MeterKind kind, string language)
    {
        await using var host = await CreateAsync(Seeded);
        int unread;
        await using (var db = host.Database.CreateDbContext())
        {
            unread = await db.Meters.Where(m => m.Role == MeterRole.Tenant && m.Kind == kind).OrderByDescending(m => m.Id).Select(m => m.Id).FirstAsync();
        }

        var (expectedKwh, expectedM3) = await FreezeEveryMeterAsync(host, skip: unread);

        var report = await host.Generator.BuildAsync(ReportKind.EnergyAndMoney, November, language, "tester", null, CancellationToken.None);

        var table = report.Tables[0];
        Assert.Null(Assert.Single(table.Rows, r => r[0] is string && r[2] is not null && r[3] is null)[4]);
        Assert.Equal((object?)(kind == MeterKind.Electricity ? null : expectedKwh), table.Totals[0][4]);
        Assert.Equal((object?)(kind == MeterKind.Water ? null : expectedM3), table.Totals[1][4]);
        Assert.NotNull(table.Totals[0][9]); // the money totals do not depend on readings
        var text = ReportText.For(language);
        Assert.Contains(report.Tables[^1].Rows, r => Equals(r[0], text["Reports.Note.UnknownTotals"]));
        var pdf = ReportPdf.Text(ReportWriters.WritePdf(report));
        Assert.Contains(string.Concat(text["Reports.Note.UnknownTotals"].Where(c => !char.IsWhiteSpace(c))), pdf);
    }

    /// <summary>Opening and closing freezes for every meter of the site, except the closing one of <paramref name="skip"/>; the shops' expected totals.</summary>
    private static async Task<(decimal? Kwh, decimal? M3)> FreezeEveryMeterAsync(ReportTestHost host, int? skip)
    {
        await using var db = host.Database.CreateDbContext();
        var meters = await db.Meters.Select(m => new { m.Id, m.Kind, m.Role }).OrderBy(m => m.Id).ToListAsync();
        var freezes = new List<object>();
        decimal kwh = 0, m3 = 0;
        foreach (var m in meters)
        {
            var used = 1.25m + (m.Id % 7) + (m.Id / 10000m);
            freezes.Add(Freeze(m.Id, November.Start, 100m + m.Id));
            if (m.Id == skip)
            {
                continue;
            }

            freezes.Add(Freeze(m.Id, November.End.AddDays(1), 100m + m.Id + used));
            if (m.Role == MeterRole.Tenant)
            {
                (kwh, m3) = m.Kind == MeterKind.Water ? (kwh, m3 + used) : (kwh + used, m3);
            }
        }

        await host.AddAsync(freezes);
        return (kwh, m3);
    }

    [Fact]
    public async Task EnergyAndMoney_Pdf_ReadsBackWithTotalsOnTheLastPageAndPageNumbersOnEvery()
    {
        await using var host = await CreateAsync(Seeded);
        await ArrangeAsync(host);
        host.Clock.Advance(Local(2026, 12, 1, 0, 15) - host.Clock.GetUtcNow());
        await using var db = host.Database.CreateDbContext();
        var closing = (await db.LedgerEntries.ToListAsync()).Where(x => x.OccurredAt < Local(2026, 12, 1)).Sum(x => x.Amount);

        var stored = await host.Generator.GenerateAsync(ReportKind.EnergyAndMoney, November, "zh-CN", "scheduler", true, ReportGenerator.BothFormats, null, CancellationToken.None);

        var bytes = (await host.Store.ReadAsync(stored[0], CancellationToken.None))!;
        PdfSamples.Save("energy-money-zh.pdf", bytes);
        using var pdf = PdfDocument.Open(bytes);
        Assert.True(pdf.NumberOfPages > 1);
        foreach (var page in pdf.GetPages())
        {
            var text = string.Concat(page.Text.Where(c => !char.IsWhiteSpace(c)));
            Assert.Contains($"第{page.Number}页，共{pdf.NumberOfPages}页", text);
            Assert.Contains("电量电费综合报表", text);
            Assert.Contains("统计期间：2026-11-01–2026-11-30", text);
            Assert.Contains("期初读数", text);
        }

        var all = string.Concat(pdf.GetPages().Select(p => string.Concat(p.Text.Where(c => !char.IsWhiteSpace(c)))));
        Assert.Contains(ReportWriters.Format(closing), all);
        Assert.Contains("788.6234", all);
    }

    [Fact]
    public async Task ShopPurchases_Month_MoneyColumnsAddUpToTheLedgerMovement()
    {
        await using var host = await CreateAsync(Seeded);
        var f = await ArrangeAsync(host);
        var (start, end) = (Local(2026, 11, 1), Local(2026, 12, 1));
        await using var db = host.Database.CreateDbContext();
        var period = (await db.LedgerEntries.ToListAsync()).Where(x => x.OccurredAt >= start && x.OccurredAt < end).ToList();

        var report = await host.Generator.BuildAsync(ReportKind.ShopPurchases, November, "en", "tester", null, CancellationToken.None);

        var totals = report.Tables[0].Totals[0];
        Assert.Equal(period.Count(x => x.Kind == LedgerEntryKind.Recharge), totals[3]);
        Assert.Equal(period.Where(x => x.Kind == LedgerEntryKind.Recharge).Sum(x => x.Amount), totals[4]);
        Assert.Equal(period.Where(x => x.Kind == LedgerEntryKind.MeterPurchase).Sum(x => x.Amount), totals[5]);
        Assert.Equal(period.Where(x => x.Kind == LedgerEntryKind.EnergyCharge).Sum(x => x.Amount), totals[8]);
        Assert.Equal(period.Where(x => x.Kind == LedgerEntryKind.WaterCharge).Sum(x => x.Amount), totals[9]);
        Assert.Equal(period.Where(x => x.Kind == LedgerEntryKind.PropertyFee).Sum(x => x.Amount), totals[11]);
        Assert.Equal(period.Where(x => x.Kind == LedgerEntryKind.PublicAreaShare).Sum(x => x.Amount), totals[12]);
        Assert.Equal(period.Where(x => x.Kind != LedgerEntryKind.OpeningBalance).Sum(x => x.Amount), new[] { 4, 5, 8, 9, 11, 12, 13 }.Sum(i => (decimal)totals[i]!));
        var number = await db.Accounts.Where(a => a.Id == f.Account).Select(a => a.Number).SingleAsync();
        var stall = report.Tables[0].Rows.Single(r => Equals(r[2], number));
        // The stall has more than one electricity meter only if the demo gives it one; consumption is then empty.
        var electricityMeters = await db.Meters.CountAsync(m => m.AccountId == f.Account && m.Kind == MeterKind.Electricity);
        Assert.Equal(electricityMeters == 1 ? 788.6234m : null, stall[6]);
        Assert.Equal(11.25m, stall[7]);
        Assert.Equal(-200m, stall[11]);
        Assert.Equal(0m, stall[13]);
        // Most shops have no freezes here: the site's consumption total is unknown, not the sum of the few known.
        Assert.Null(totals[6]);
        Assert.Null(totals[7]);
    }

    [Theory]
    [InlineData("en", "Readings begin on 2026-11-10")]
    [InlineData("zh-CN", "部分表计的读数始于 2026-11-10")]
    public async Task EnergyAndMoney_PeriodStartingBeforeTheFirstReading_OpensAtTheFirstReadingAndSaysSo(string language, string note)
    {
        await using var host = await CreateAsync(Seeded);
        int meter;
        await using (var db = host.Database.CreateDbContext())
        {
            meter = await db.Meters.Where(m => m.Kind == MeterKind.Electricity && m.Role == MeterRole.Tenant).OrderBy(m => m.Id).Select(m => m.Id).FirstAsync();
        }

        await host.AddAsync([Freeze(meter, new DateOnly(2026, 11, 10), 250m), Freeze(meter, new DateOnly(2026, 11, 20), 300m), Freeze(meter, new DateOnly(2026, 12, 1), 400.5m)]);

        var report = await host.Generator.BuildAsync(ReportKind.EnergyAndMoney, November, language, "tester", null, CancellationToken.None);

        var row = report.Tables[0].Rows.Single(r => r[2] is 250m);
        Assert.Equal([250m, 400.5m, 150.5m], row[2..5]);
        Assert.Contains(report.Tables[^1].Rows, r => ((string)r[0]!).StartsWith(note, StringComparison.Ordinal));
    }

    [Fact]
    public async Task EnergyAndMoney_OpeningBalancePostedInThePeriod_IsPartOfTheOpeningNotAMovement()
    {
        await using var host = await CreateAsync(Seeded);
        var f = await ArrangeAsync(host);
        await host.AddAsync([host.Entry(f.Account, LedgerEntryKind.OpeningBalance, 123.45m, Local(2026, 11, 5))]);
        await using var db = host.Database.CreateDbContext();
        var before = (await db.LedgerEntries.Where(x => x.AccountId == f.Account).ToListAsync()).Where(x => x.OccurredAt < Local(2026, 11, 1)).Sum(x => x.Amount);
        var number = await db.Accounts.Where(a => a.Id == f.Account).Select(a => a.Number).SingleAsync();

        var report = await host.Generator.BuildAsync(ReportKind.EnergyAndMoney, November, "en", "tester", null, CancellationToken.None);

        var money = report.Tables[0].Rows.Single(r => Equals(r[7], number) && r[8] is not null);
        Assert.Equal((before + 123.45m, 0m), ((decimal)money[8]!, (decimal)money[14]!));
    }
}
