using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Prepaid.App.Demo.History;
using Prepaid.App.Persistence;
using Prepaid.App.Persistence.Entities;
using Prepaid.App.Reports;
using Prepaid.App.Tests.Support;
using Prepaid.Domain.Model;
using UglyToad.PdfPig;

namespace Prepaid.App.Tests.Reports;

/// <summary>
/// Every report made from the demo mall after two days of demo history (the same engine as the product's start-up),
/// read back from its PDF: title, period and page numbers present, and the money totals equal to sums of the ledger
/// computed here straight from the entries.
/// </summary>
public sealed class DemoDataReportsTests
{
    private static string Amount(decimal value) => value.ToString("#,##0.00##", CultureInfo.InvariantCulture);

    private static string PdfText(byte[] pdf)
    {
        using var doc = PdfDocument.Open(pdf);
        return string.Concat(doc.GetPages().Select(p => string.Concat(p.Text.Where(c => !char.IsWhiteSpace(c)))));
    }

    private static string Squeeze(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    [Fact]
    public async Task EveryReport_AfterTwoDaysOfDemoHistory_ReadsBackWithTitlePeriodPagesAndTheLedgersTotals()
    {
        await using var factory = new PrepaidAppFactory();
        // A fixed morning (10:30 site time): the first demo day then has opening hours, so desk recharges, whatever
        // the hour the suite runs at.
        await using var app = DemoHistoryHost.Create(factory, new FakeTimeProvider(TestTime.DefaultStart));
        var services = app.Services;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var from = DemoHistory.StartFor(now, 0).AddMinutes(30);
        var history = await services.GetRequiredService<DemoHistory>().RunAsync(from, from.AddDays(2), CancellationToken.None);
        Assert.True(history.Recharges > 0);

        await using var db = await services.GetRequiredService<IDbContextFactory<PrepaidDb>>().CreateDbContextAsync();
        var zone = await SiteTime.FirstSiteZoneAsync(db, CancellationToken.None);
        var entries = await db.LedgerEntries.AsNoTracking().ToListAsync();
        var firstDay = SiteTime.Today(from, zone);
        var day = ReportPeriod.Day(firstDay);
        // The first whole day: both its midnight freezes exist, so the range reports have readings.
        var range = ReportPeriod.Day(firstDay.AddDays(1));
        var month = ReportPeriod.Month(firstDay.Year, firstDay.Month);
        List<LedgerEntry> In(ReportPeriod p) =>
            [.. entries.Where(e => e.OccurredAt >= SiteTime.MidnightUtc(p.Start, zone) && e.OccurredAt < SiteTime.MidnightUtc(p.End.AddDays(1), zone))];
        static decimal Sum(IEnumerable<LedgerEntry> list, params LedgerEntryKind[] kinds) => list.Where(e => kinds.Contains(e.Kind)).Sum(e => e.Amount);
        var charges = new[] { LedgerEntryKind.EnergyCharge, LedgerEntryKind.WaterCharge, LedgerEntryKind.PropertyFee, LedgerEntryKind.PublicAreaShare };

        var generator = services.GetRequiredService<ReportGenerator>();
        var store = services.GetRequiredService<ReportStore>();
        async Task<string> Pdf(ReportKind kind, ReportPeriod period)
        {
            var files = await generator.GenerateAsync(kind, period, "en", "tester", false, ReportGenerator.BothFormats, null, CancellationToken.None);
            Assert.Equal([ReportFormat.Pdf, ReportFormat.Xlsx], files.Select(f => f.Format));
            var bytes = (await store.ReadAsync(files[0], CancellationToken.None))!;
            PdfSamples.Save($"demo-{kind}-en.pdf", bytes);
            var chinese = ReportWriters.Write(await generator.BuildAsync(kind, period, "zh-CN", "tester", null, CancellationToken.None), ReportFormat.Pdf);
            PdfSamples.Save($"demo-{kind}-zh.pdf", chinese);
            Assert.Contains("第1页", PdfText(chinese));
            var text = PdfText(bytes);
            Assert.Contains("Period:" + Squeeze(period.ToString()), text);
            Assert.Contains("Page1of", text);
            Assert.Contains("Generated", text);
            return text;
        }

        var daily = await Pdf(ReportKind.DailySales, day);
        Assert.Contains("Dailysales", daily);
        Assert.Contains(Amount(Sum(In(day), LedgerEntryKind.Recharge)), daily);
        Assert.True(Sum(In(day), LedgerEntryKind.Recharge) > 0, "the demo day has desk recharges");

        var monthly = await Pdf(ReportKind.MonthlySales, month);
        Assert.Contains("Monthlysales", monthly);
        Assert.Contains(Amount(Sum(In(month), LedgerEntryKind.Recharge)), monthly);

        var shops = await Pdf(ReportKind.ShopPurchases, range);
        Assert.Contains("Shoppurchasesandconsumption", shops);
        Assert.Contains(Amount(Sum(In(range), LedgerEntryKind.Recharge)), shops);
        Assert.Contains(Amount(Sum(In(range), LedgerEntryKind.EnergyCharge)), shops);

        var energy = await Pdf(ReportKind.EnergyAndMoney, range);
        var end = SiteTime.MidnightUtc(range.End.AddDays(1), zone);
        var start = SiteTime.MidnightUtc(range.Start, zone);
        Assert.Contains("Energyandmoney", energy);
        Assert.Contains(Amount(entries.Where(e => e.OccurredAt < start).Sum(e => e.Amount)), energy);   // opening balances
        Assert.Contains(Amount(Sum(In(range), charges)), energy);
        Assert.Contains(Amount(entries.Where(e => e.OccurredAt < end).Sum(e => e.Amount)), energy);     // closing balances

        Assert.Contains("Communicationfaults", await Pdf(ReportKind.CommunicationFaults, range));
        Assert.Contains("Public-areasharingstatement", await Pdf(ReportKind.SharingStatement, month));
        Assert.Contains("Lossreconciliation", await Pdf(ReportKind.LossReconciliation, range));
        Assert.Contains("AlarmKPIs", await Pdf(ReportKind.AlarmKpis, range));
    }
}
