using Microsoft.EntityFrameworkCore;
using Prepaid.App.Persistence.Entities;
using Prepaid.App.Kernel.Reporting;
using Prepaid.App.Reports;
using Prepaid.App.Tests.Support;
using Prepaid.Domain.Model;
using static Prepaid.App.Tests.Reports.ReportTestHost;

namespace Prepaid.App.Tests.Reports;

/// <summary>
/// Shops whose meters bill themselves: the reports show what the meters deducted (remaining amount at the opening +
/// purchases confirmed on the meter - remaining amount at the closing) beside the ledger's charges, and split the
/// other movements into property fees, public-area shares and the rest.
/// </summary>
public sealed class MeterDeductionsReportTests
{
    private static readonly DateTimeOffset Seeded = Local(2026, 10, 20, 9);
    private static readonly ReportPeriod November = ReportPeriod.Month(2026, 11);

    private sealed record Fixture(int Meter, int Account, string Number, decimal Expected, List<LedgerEntry> Entries);

    private static ReconciliationSnapshot Snapshot(int meter, DateTimeOffset at, decimal remaining) => new()
    {
        MeterId = meter, RunDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, Zone).DateTime), ReadAt = at, RemainingYuan = remaining,
    };

    private static RechargeDelivery Part(LedgerEntry entry, int meter, RechargeDeliveryState state, DateTimeOffset? completed) => new()
    {
        LedgerEntryId = entry.Id, LedgerKey = entry.IdempotencyKey, AccountId = entry.AccountId, MeterId = meter, Amount = entry.Amount,
        SplitBasis = "SingleMeter", State = state, CreatedAt = entry.OccurredAt, CompletedAt = completed,
    };

    /// <summary>
    /// A shop with one meter-billing electricity meter: 150.00 in it at the nightly reading after the period opens,
    /// purchases of 300.00 and 200.00 confirmed and a carried overdraft of 12.34 taken off one of them, 80.00 left at the
    /// reading after it closes. A pending part and a purchase confirmed after the closing reading do not count, nor do
    /// readings further than 12 hours from a boundary.
    /// </summary>
    private static async Task<Fixture> ArrangeAsync(ReportTestHost host, bool withClosing)
    {
        await using var db = host.Database.CreateDbContext();
        var candidates = await db.Meters.Where(m => m.Role == MeterRole.Tenant && m.Kind == MeterKind.Electricity && m.BillingMode == BillingMode.Meter && m.AccountId != null)
            .OrderBy(m => m.Id).Select(m => new { m.Id, Account = m.AccountId!.Value }).ToListAsync();
        var meter = candidates.First(c => db.Meters.Count(m => m.AccountId == c.Account && m.BillingMode == BillingMode.Meter) == 1);
        var number = await db.Accounts.Where(a => a.Id == meter.Account).Select(a => a.Number).SingleAsync();

        List<LedgerEntry> recharges =
        [
            host.Entry(meter.Account, LedgerEntryKind.Recharge, 300m, Local(2026, 11, 10), method: PaymentMethod.Cash),
            host.Entry(meter.Account, LedgerEntryKind.Recharge, 200m, Local(2026, 11, 20), method: PaymentMethod.Cash),
            host.Entry(meter.Account, LedgerEntryKind.Recharge, 100m, Local(2026, 11, 21), method: PaymentMethod.Cash),
            host.Entry(meter.Account, LedgerEntryKind.Recharge, 50m, Local(2026, 12, 1, 1), method: PaymentMethod.Cash),
        ];
        List<LedgerEntry> fees =
        [
            host.Entry(meter.Account, LedgerEntryKind.PropertyFee, -100m, Local(2026, 11, 1, 0, 10)),
            host.Entry(meter.Account, LedgerEntryKind.PublicAreaShare, -23.4567m, Local(2026, 11, 15)),
            host.Entry(meter.Account, LedgerEntryKind.Refund, -5m, Local(2026, 11, 16), method: PaymentMethod.Cash),
            host.Entry(meter.Account, LedgerEntryKind.Adjustment, 1.1111m, Local(2026, 11, 17)),
        ];
        await host.AddAsync([.. recharges, .. fees]);

        var replacement = new MeterReplacement
        {
            MeterId = meter.Id, ReplacedAt = Local(2026, 11, 14), ReplacedBy = "tester", Reason = "display broken",
            OldSerialNumber = "OLD-1", NewSerialNumber = "NEW-1", CarriedBalance = -12.34m,
        };
        await host.AddAsync([replacement]);
        List<object> rows =
        [
            Snapshot(meter.Id, Local(2026, 10, 31, 2, 30), 999m), // 21.5 h before the opening: too far
            Snapshot(meter.Id, Local(2026, 11, 1, 2, 30), 150m),
            Snapshot(meter.Id, Local(2026, 11, 30, 2, 30), 1m), // 21.5 h before the closing: too far
            Part(recharges[0], meter.Id, RechargeDeliveryState.Delivered, Local(2026, 11, 10, 0, 1)),
            Part(recharges[1], meter.Id, RechargeDeliveryState.Delivered, Local(2026, 11, 20, 0, 1)),
            Part(recharges[2], meter.Id, RechargeDeliveryState.Pending, null),
            Part(recharges[3], meter.Id, RechargeDeliveryState.Delivered, Local(2026, 12, 1, 4)),
            new PendingBalanceTransfer
            {
                ReplacementId = replacement.Id, MeterId = meter.Id, AccountId = meter.Account, Amount = -12.34m,
                IdempotencyKey = $"meter-replacement:{replacement.Id}", State = BalanceTransferState.Delivered,
                CreatedAt = Local(2026, 11, 14), CompletedAt = Local(2026, 11, 20, 0, 1),
            },
        ];
        if (withClosing)
        {
            rows.Add(Snapshot(meter.Id, Local(2026, 12, 1, 2, 30), 80m));
        }

        await host.AddAsync(rows);
        return new Fixture(meter.Id, meter.Account, number, 150m + 300m + 200m - 12.34m - 80m, [.. recharges, .. fees]);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh-CN")]
    public async Task ShopPurchases_MeterBillingShop_DeductedEqualsOpeningPlusPurchasesMinusClosing(string language)
    {
        await using var host = await CreateAsync(Seeded);
        var f = await ArrangeAsync(host, withClosing: true);

        var report = await host.Generator.BuildAsync(ReportKind.ShopPurchases, November, language, "tester", null, CancellationToken.None);

        PdfSamples.Save($"meter-deductions-shops-{language}.pdf", ReportWriters.WritePdf(report));
        var row = report.Tables[0].Rows.Single(r => Equals(r[2], f.Number));
        Assert.Equal(557.66m, f.Expected);
        Assert.Equal(f.Expected, row[10]);
        // The ledger charged no energy to a shop whose meter bills itself.
        Assert.Equal(0m, row[8]);
        Assert.Equal([-100m, -23.4567m, -5m + 1.1111m], row[11..]);
        // Other meter-billing shops have no readings: the site's total is unknown, not the sum of the one known.
        Assert.Null(report.Tables[0].Totals[0][10]);
        var text = ReportText.For(language);
        Assert.Contains(report.Tables[^1].Rows, r => Equals(r[0], text["Reports.Note.MeterDeductions"]));
        Assert.Contains(text["Reports.Col.DeductedByMeters"], report.Tables[0].Columns.Select(c => c.Header));
    }

    [Fact]
    public async Task EnergyAndMoney_MeterBillingMeter_DeductedOnItsRowAndMoneySplitByKind()
    {
        await using var host = await CreateAsync(Seeded);
        var f = await ArrangeAsync(host, withClosing: true);
        var name = await MeterNameAsync(host, f.Meter);

        var report = await host.Generator.BuildAsync(ReportKind.EnergyAndMoney, November, "en", "tester", null, CancellationToken.None);

        PdfSamples.Save("meter-deductions-energy-en.pdf", ReportWriters.WritePdf(report));
        var row = report.Tables[0].Rows.Single(r => Equals(r[0], $"{name} (kWh)"));
        Assert.Equal(f.Expected, row[5]);
        Assert.Contains(ReportPdf.Number(f.Expected), ReportPdf.Text(ReportWriters.WritePdf(report)));
        Assert.Equal(f.Number, row[7]);
        Assert.Equal([0m, -100m, -23.4567m, -3.8889m], row[11..15]);
        // The meter's deduction is not a ledger movement: closing = opening + the ledger's columns.
        var closing = (decimal)row[8]! + f.Entries.Where(e => e.OccurredAt < Local(2026, 12, 1)).Sum(e => e.Amount);
        Assert.Equal(closing, row[15]);
        // The closing money is the platform account plus what the meter held at the closing, shown by part.
        Assert.Equal((decimal)row[6]! + closing, row[16]);
    }

    [Fact]
    public async Task Reports_NoClosingReading_DeductedIsEmpty()
    {
        await using var host = await CreateAsync(Seeded);
        var f = await ArrangeAsync(host, withClosing: false);
        var name = await MeterNameAsync(host, f.Meter);

        var shops = await host.Generator.BuildAsync(ReportKind.ShopPurchases, November, "en", "tester", null, CancellationToken.None);
        var energy = await host.Generator.BuildAsync(ReportKind.EnergyAndMoney, November, "en", "tester", null, CancellationToken.None);

        Assert.Null(shops.Tables[0].Rows.Single(r => Equals(r[2], f.Number))[10]);
        Assert.Null(energy.Tables[0].Rows.Single(r => Equals(r[0], $"{name} (kWh)"))[5]);
    }

    [Fact]
    public async Task EnergyAndMoney_OneDayWithOneReading_DeductedIsEmpty()
    {
        // The 02:30 reading of 1 November stands for that day's opening; no reading lies within 12 hours of its
        // closing midnight, so nothing is invented for the day.
        await using var host = await CreateAsync(Seeded);
        var f = await ArrangeAsync(host, withClosing: true);
        var name = await MeterNameAsync(host, f.Meter);

        var report = await host.Generator.BuildAsync(ReportKind.EnergyAndMoney, ReportPeriod.Day(new DateOnly(2026, 11, 1)), "en", "tester", null, CancellationToken.None);

        Assert.Null(report.Tables[0].Rows.Single(r => Equals(r[0], $"{name} (kWh)"))[5]);
    }

    [Fact]
    public async Task Reports_NewMoneyColumns_SumToTheLedgerPerKind()
    {
        await using var host = await CreateAsync(Seeded);
        await ArrangeAsync(host, withClosing: true);
        var (start, end) = (Local(2026, 11, 1), Local(2026, 12, 1));
        await using var db = host.Database.CreateDbContext();
        var period = (await db.LedgerEntries.ToListAsync()).Where(x => x.OccurredAt >= start && x.OccurredAt < end).ToList();
        decimal Sum(params LedgerEntryKind[] kinds) => period.Where(x => kinds.Contains(x.Kind)).Sum(x => x.Amount);
        var rest = Sum(LedgerEntryKind.Refund, LedgerEntryKind.Reversal, LedgerEntryKind.Adjustment);

        var shops = (await host.Generator.BuildAsync(ReportKind.ShopPurchases, November, "en", "tester", null, CancellationToken.None)).Tables[0];
        var energy = (await host.Generator.BuildAsync(ReportKind.EnergyAndMoney, November, "en", "tester", null, CancellationToken.None)).Tables[0];

        Assert.Equal([Sum(LedgerEntryKind.PropertyFee), Sum(LedgerEntryKind.PublicAreaShare), rest], shops.Totals[0][11..]);
        Assert.Equal(Sum(LedgerEntryKind.MeterPurchase), shops.Totals[0][5]);
        Assert.Equal(Sum(LedgerEntryKind.EnergyCharge, LedgerEntryKind.WaterCharge), energy.Totals[0][11]);
        Assert.Equal(Sum(LedgerEntryKind.MeterPurchase), energy.Totals[0][10]);
        Assert.Equal([Sum(LedgerEntryKind.PropertyFee), Sum(LedgerEntryKind.PublicAreaShare), rest], energy.Totals[0][12..15]);
        // Each column is the sum of its rows.
        for (var i = 11; i <= 13; i++)
        {
            Assert.Equal(shops.Rows.Sum(r => (decimal)r[i]!), shops.Totals[0][i]);
            Assert.Equal(energy.Rows.Sum(r => r[i + 1] as decimal? ?? 0), energy.Totals[0][i + 1]);
        }
    }

    private static async Task<string> MeterNameAsync(ReportTestHost host, int meter)
    {
        await using var db = host.Database.CreateDbContext();
        return await db.Meters.Where(m => m.Id == meter).Select(m => m.Name).SingleAsync();
    }
}
