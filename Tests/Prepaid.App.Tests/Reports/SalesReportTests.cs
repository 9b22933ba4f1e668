using Microsoft.EntityFrameworkCore;
using Prepaid.App.Persistence.Entities;
using Prepaid.App.Reports;
using Prepaid.App.Tests.Support;
using Prepaid.Domain.Model;
using UglyToad.PdfPig;
using static Prepaid.App.Tests.Reports.ReportTestHost;

namespace Prepaid.App.Tests.Reports;

public sealed class SalesReportTests
{
    private static readonly DateTimeOffset Seeded = Local(2026, 10, 20, 9);

    private static string PdfText(byte[] pdf)
    {
        using var doc = PdfDocument.Open(pdf);
        return string.Concat(doc.GetPages().Select(p => string.Concat(p.Text.Where(c => !char.IsWhiteSpace(c)))));
    }

    private static async Task<List<LedgerEntry>> DayOfSalesAsync(ReportTestHost host)
    {
        var a = await host.AccountIdsAsync(4);
        var recharge = host.Entry(a[0], LedgerEntryKind.Recharge, 500m, Local(2026, 11, 3, 9, 15), "cashier", PaymentMethod.Cash);
        List<LedgerEntry> entries =
        [
            // Just outside the site-local day on both sides: never counted.
            host.Entry(a[0], LedgerEntryKind.Recharge, 1000m, Local(2026, 11, 2, 23, 59, 59), "cashier", PaymentMethod.Cash),
            host.Entry(a[1], LedgerEntryKind.Recharge, 2000m, Local(2026, 11, 4), "cashier", PaymentMethod.Cash),
            // The day: 00:00:00 local is inside.
            host.Entry(a[1], LedgerEntryKind.Recharge, 123.4567m, Local(2026, 11, 3), "cashier", PaymentMethod.BankCard),
            recharge,
            host.Entry(a[2], LedgerEntryKind.Recharge, 88.88m, Local(2026, 11, 3, 14), "finance2", PaymentMethod.Transfer),
            host.Entry(a[3], LedgerEntryKind.Recharge, 50m, Local(2026, 11, 3, 20), "wechat-gateway", PaymentMethod.WeChat),
            host.Entry(a[2], LedgerEntryKind.Refund, -40m, Local(2026, 11, 3, 16), "finance2", PaymentMethod.Cash, "moving out"),
            // A charge and its reversal are not sales.
            host.Entry(a[0], LedgerEntryKind.EnergyCharge, -12.5m, Local(2026, 11, 3, 10)),
            host.Entry(a[0], LedgerEntryKind.Reversal, 12.5m, Local(2026, 11, 3, 11), "manager", note: "meter fault"),
        ];
        await host.AddAsync(entries);
        var reversal = host.Entry(a[0], LedgerEntryKind.Reversal, -500m, Local(2026, 11, 3, 17), "manager", PaymentMethod.Cash, "wrong account");
        reversal.CauseType = "entry";
        reversal.CauseId = recharge.IdempotencyKey;
        await host.AddAsync([reversal]);
        return [.. entries, reversal];
    }

    [Fact]
    public async Task DailySales_Day_TotalsEqualTheLedgerSumsOfTheSiteLocalDay()
    {
        await using var host = await CreateAsync(Seeded);
        await DayOfSalesAsync(host);
        var (start, end) = (Local(2026, 11, 3), Local(2026, 11, 4));

        // Independently: straight from the database, no report code.
        await using var db = host.Database.CreateDbContext();
        var day = (await db.LedgerEntries.ToListAsync()).Where(e => e.OccurredAt >= start && e.OccurredAt < end).ToList();
        var recharged = day.Where(e => e.Kind == LedgerEntryKind.Recharge).Sum(e => e.Amount);
        var refunded = day.Where(e => e.Kind == LedgerEntryKind.Refund).Sum(e => e.Amount);
        var reversed = day.Where(e => e.Kind == LedgerEntryKind.Reversal && e.PaymentMethod != null).Sum(e => e.Amount);
        Assert.Equal(762.3367m, recharged);

        var report = await host.Generator.BuildAsync(ReportKind.DailySales, ReportPeriod.Day(new DateOnly(2026, 11, 3)), "en", "tester", null, CancellationToken.None);

        var byMethod = report.Tables[0];
        Assert.Equal([4, recharged, refunded, reversed, recharged + refunded + reversed], byMethod.Totals[0][1..]);
        Assert.Equal(1, byMethod.Rows.Single(r => Equals(r[0], "Cash"))[1]);
        Assert.Equal(-40m, byMethod.Rows.Single(r => Equals(r[0], "Cash"))[3]);
        var byCashier = report.Tables[1];
        Assert.Equal(["cashier", "finance2", "manager", "wechat-gateway"], byCashier.Rows.Select(r => (string)r[0]!));
        Assert.Equal(byMethod.Totals[0][1..], byCashier.Totals[0][1..]);
        var refunds = report.Tables[2];
        Assert.Equal(2, refunds.Rows.Count);
        Assert.Equal(refunded + reversed, refunds.Totals[0][5]);
        var recharges = report.Tables[3];
        Assert.Equal(4, recharges.Rows.Count);
        Assert.Equal(recharged, recharges.Totals[0][4]);
    }

    [Fact]
    public async Task DailySales_RefundApprovedByAManager_CountsForTheRequestingCashierLikeTheDayClose()
    {
        await using var host = await CreateAsync(Seeded);
        var a = await host.AccountIdsAsync(1);
        var recharge = host.Entry(a[0], LedgerEntryKind.Recharge, 300m, Local(2026, 11, 3, 9), "cashier", PaymentMethod.Cash);
        var refund = host.Entry(a[0], LedgerEntryKind.Refund, -25m, Local(2026, 11, 3, 15), "manager", PaymentMethod.Cash, "paid twice");
        await host.AddAsync([recharge, refund]);
        await host.AddAsync([new RefundRequest
        {
            AccountId = a[0], Kind = LedgerEntryKind.Refund, Amount = 25m, Method = PaymentMethod.Cash, Reason = "paid twice",
            RequestedBy = "cashier", RequestedAt = Local(2026, 11, 3, 14), State = RefundRequestState.Approved,
            DecidedBy = "manager", DecidedAt = Local(2026, 11, 3, 15), LedgerEntryKey = refund.IdempotencyKey,
        }]);

        var report = await host.Generator.BuildAsync(ReportKind.DailySales, ReportPeriod.Day(new DateOnly(2026, 11, 3)), "en", "tester", null, CancellationToken.None);

        var byCashier = report.Tables[1];
        var row = Assert.Single(byCashier.Rows);
        Assert.Equal(["cashier", 1, 300m, -25m, 0m, 275m], row);
        var refunds = report.Tables[2];
        Assert.Equal("cashier", Assert.Single(refunds.Rows)[6]);
        Assert.Equal("paid twice (approved by manager)", refunds.Rows[0][7]);
    }

    [Fact]
    public async Task DailySales_GeneratedInBothLanguages_PdfReadsBackWithTitlePeriodAndTotals()
    {
        await using var host = await CreateAsync(Seeded);
        await DayOfSalesAsync(host);
        host.Clock.Advance(Local(2026, 11, 4, 0, 5) - host.Clock.GetUtcNow());
        var period = ReportPeriod.Day(new DateOnly(2026, 11, 3));

        var en = await host.Generator.GenerateAsync(ReportKind.DailySales, period, "en", "scheduler", true, ReportGenerator.BothFormats, null, CancellationToken.None);
        var zh = await host.Generator.GenerateAsync(ReportKind.DailySales, period, "zh-CN", "scheduler", true, ReportGenerator.BothFormats, null, CancellationToken.None);

        var enText = PdfText((await host.Store.ReadAsync(en[0], CancellationToken.None))!);
        PdfSamples.Save("daily-sales-en.pdf", (await host.Store.ReadAsync(en[0], CancellationToken.None))!);
        PdfSamples.Save("daily-sales-zh.pdf", (await host.Store.ReadAsync(zh[0], CancellationToken.None))!);
        Assert.Contains("Dailysales", enText);
        Assert.Contains("Period:2026-11-03", enText);
        Assert.Contains("Generated2026-11-0400:05:00byscheduler", enText);
        Assert.Contains("762.3367", enText);   // recharged
        Assert.Contains("222.3367", enText);   // net: 762.3367 - 40 - 500
        Assert.Contains("Page1of1", enText);
        var zhText = PdfText((await host.Store.ReadAsync(zh[0], CancellationToken.None))!);
        Assert.Contains("日销售报表", zhText);
        Assert.Contains("按付款方式", zhText);
        Assert.Contains("现金", zhText);
        Assert.Contains("762.3367", zhText);
        Assert.Equal(ReportFormat.Xlsx, en[1].Format);
        Assert.True(en[1].SizeBytes > 0);
    }

    [Fact]
    public async Task MonthlySales_Month_ByDayAndTotalsEqualTheLedger()
    {
        await using var host = await CreateAsync(Seeded);
        var a = await host.AccountIdsAsync(3);
        var entries = new List<LedgerEntry>();
        for (var d = 1; d <= 30; d++)
        {
            entries.Add(host.Entry(a[d % 3], LedgerEntryKind.Recharge, 10m * d + 0.01m, Local(2026, 11, d, 10), d % 2 == 0 ? "cashier" : "finance2", (PaymentMethod)(d % 5)));
        }

        entries.Add(host.Entry(a[0], LedgerEntryKind.Recharge, 999m, Local(2026, 12, 1), "cashier", PaymentMethod.Cash));
        entries.Add(host.Entry(a[1], LedgerEntryKind.Refund, -5m, Local(2026, 11, 30, 23, 59), "cashier", PaymentMethod.Cash));
        await host.AddAsync(entries);

        var report = await host.Generator.BuildAsync(ReportKind.MonthlySales, ReportPeriod.Month(2026, 11), "zh-CN", "tester", null, CancellationToken.None);

        var expected = entries.Where(e => e.OccurredAt >= Local(2026, 11, 1) && e.OccurredAt < Local(2026, 12, 1)).Sum(e => e.Amount);
        Assert.Equal(4650.30m - 5m, expected);
        var byDay = report.Tables[2];
        Assert.Equal(30, byDay.Rows.Count);
        Assert.Equal(expected, byDay.Totals[0][5]);
        Assert.Equal(10.01m, byDay.Rows[0][2]);
        Assert.Equal(-5m, byDay.Rows[29][3]);
        Assert.Equal(expected, report.Tables[0].Totals[0][5]);
        Assert.Equal(expected, report.Tables[1].Totals[0][5]);
    }

    [Fact]
    public async Task Build_WrongPeriodShape_IsRefusedWithTheReason()
    {
        await using var host = await CreateAsync(Seeded);
        var wrong = await Assert.ThrowsAsync<ReportRequestException>(() =>
            host.Generator.BuildAsync(ReportKind.MonthlySales, new ReportPeriod(new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 30)), "en", "t", null, CancellationToken.None));
        Assert.Equal("Reports.Error.PeriodMonth", wrong.Key);
        var reversed = await Assert.ThrowsAsync<ReportRequestException>(() =>
            host.Generator.BuildAsync(ReportKind.ShopPurchases, new ReportPeriod(new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 1)), "en", "t", null, CancellationToken.None));
        Assert.Equal("Reports.Error.PeriodOrder", reversed.Key);
        var language = await Assert.ThrowsAsync<ReportRequestException>(() =>
            host.Generator.BuildAsync(ReportKind.DailySales, ReportPeriod.Day(new DateOnly(2026, 11, 2)), "fr", "t", null, CancellationToken.None));
        Assert.Equal("Reports.Error.Language", language.Key);
    }

    [Fact]
    public async Task DailySales_PeopleWithDisplayNames_AreNamedAsAtTheDeskNotByTheirLogin()
    {
        await using var host = await CreateAsync(Seeded);
        var a = await host.AccountIdsAsync(1);
        var recharge = host.Entry(a[0], LedgerEntryKind.Recharge, 300m, Local(2026, 11, 3, 9), "li.na", PaymentMethod.Cash);
        var refund = host.Entry(a[0], LedgerEntryKind.Refund, -25m, Local(2026, 11, 3, 15), "wang.manager", PaymentMethod.Cash, "paid twice");
        await host.AddAsync([recharge, refund]);
        await host.AddAsync([
            new PrepaidUser { UserName = "li.na", NormalizedUserName = "LI.NA", DisplayName = "李娜 Li Na" },
            new PrepaidUser { UserName = "wang.manager", NormalizedUserName = "WANG.MANAGER", DisplayName = "王经理 Wang" },
            new RefundRequest
            {
                AccountId = a[0], Kind = LedgerEntryKind.Refund, Amount = 25m, Method = PaymentMethod.Cash, Reason = "paid twice",
                RequestedBy = "li.na", RequestedAt = Local(2026, 11, 3, 14), State = RefundRequestState.Approved,
                DecidedBy = "wang.manager", DecidedAt = Local(2026, 11, 3, 15), LedgerEntryKey = refund.IdempotencyKey,
            }]);

        var report = await host.Generator.BuildAsync(ReportKind.DailySales, ReportPeriod.Day(new DateOnly(2026, 11, 3)), "en", "tester", null, CancellationToken.None);

        Assert.Equal("李娜 Li Na", Assert.Single(report.Tables[1].Rows)[0]);
        Assert.Equal(["李娜 Li Na", "paid twice (approved by 王经理 Wang)"], report.Tables[2].Rows[0][6..8]);
    }
}
