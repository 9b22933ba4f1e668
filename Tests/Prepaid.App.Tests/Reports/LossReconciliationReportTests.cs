using Microsoft.EntityFrameworkCore;
using Prepaid.App.Persistence.Entities;
using Prepaid.App.Reports;
using Prepaid.App.Tests.Support;
using Prepaid.Domain.Model;
using static Prepaid.App.Tests.Reports.ReportTestHost;

namespace Prepaid.App.Tests.Reports;

public sealed class LossReconciliationReportTests
{
    [Fact]
    public async Task LossReconciliation_Month_TotalsInThePdfEqualTheInsertedIntervalEnergy()
    {
        await using var host = await CreateAsync(Local(2026, 11, 1, 9));
        await using var db = host.Database.CreateDbContext();
        var transformers = await db.Transformers.OrderBy(t => t.Code).ToListAsync();
        var incomers = await db.Meters.Where(m => m.Role == MeterRole.MainIncomer).ToDictionaryAsync(m => m.TransformerId!.Value, m => m.Id);
        var shafts = await db.Shafts.ToDictionaryAsync(s => s.Id, s => s.TransformerId);
        var shops = await db.Meters.Where(m => m.Role == MeterRole.Tenant && m.Kind == MeterKind.Electricity).OrderBy(m => m.Id).ToListAsync();
        var underT1 = shops.Where(m => shafts[m.ShaftId!.Value] == transformers[0].Id).Take(3).Select(m => m.Id).ToList();
        var underT2 = shops.First(m => shafts[m.ShaftId!.Value] == transformers[1].Id).Id;
        var water = await db.Meters.Where(m => m.Kind == MeterKind.Water).Select(m => m.Id).FirstAsync();
        (int Meter, DateTimeOffset At, decimal Kwh)[] intervals =
        [
            (incomers[transformers[0].Id], Local(2026, 11, 5, 10), 600.5m), (incomers[transformers[0].Id], Local(2026, 11, 20, 23, 45), 400m),
            (incomers[transformers[1].Id], Local(2026, 11, 6, 8), 400m),
            (underT1[0], Local(2026, 11, 5, 10), 300.25m), (underT1[1], Local(2026, 11, 12, 10), 200m), (underT1[2], Local(2026, 11, 30, 23, 45), 150m),
            (underT2, Local(2026, 11, 6, 8), 410m),
            // Outside the month (site time) and a water meter: not counted.
            (incomers[transformers[0].Id], Local(2026, 10, 31, 23, 45), 999m), (underT2, Local(2026, 12, 1), 999m), (water, Local(2026, 11, 5), 77m),
        ];
        await host.AddAsync(intervals.Select(i => new IntervalEnergy { MeterId = i.Meter, IntervalStart = i.At, Total = i.Kwh }));
        host.Clock.Advance(Local(2026, 12, 1, 0, 15) - host.Clock.GetUtcNow());

        var stored = await host.Generator.GenerateAsync(ReportKind.LossReconciliation, ReportPeriod.Month(2026, 11), "en", "scheduler", true,
            ReportGenerator.BothFormats, null, CancellationToken.None);
        var pdf = (await host.Store.ReadAsync(stored[0], CancellationToken.None))!;
        var text = ReportPdf.Text(pdf);
        PdfSamples.Save("loss-en.pdf", pdf);
        var period = stored[0].Period;
        PdfSamples.Save("loss-zh.pdf", ReportWriters.Write(await host.Generator.BuildAsync(stored[0].Kind, period, "zh-CN", "scheduler", null, CancellationToken.None), ReportFormat.Pdf));

        // Independently: T1 1000.5 - 650.25, T2 400 - 410, the site the sum of both.
        decimal Sum(IEnumerable<int> meters, DateTimeOffset from, DateTimeOffset to) =>
            intervals.Where(i => meters.Contains(i.Meter) && i.At >= from && i.At < to).Sum(i => i.Kwh);
        var (start, end) = (Local(2026, 11, 1), Local(2026, 12, 1));
        var t1 = (Sum([incomers[transformers[0].Id]], start, end), Sum(underT1, start, end));
        var t2 = (Sum([incomers[transformers[1].Id]], start, end), Sum([underT2], start, end));
        var site = (t1.Item1 + t2.Item1, t1.Item2 + t2.Item2);
        static string Line(string scope, (decimal Incomer, decimal Subs) e)
        {
            var loss = e.Incomer - e.Subs;
            return scope + ReportPdf.Number(e.Incomer) + ReportPdf.Number(e.Subs) + ReportPdf.Number(loss)
                + ReportPdf.Number(Math.Round(loss * 100 / e.Incomer, 2, MidpointRounding.AwayFromZero)) + "%";
        }

        Assert.Contains("Lossreconciliation", text);
        Assert.Contains(Line(transformers[0].Code, t1), text);
        Assert.Contains(Line(transformers[1].Code, t2), text);
        Assert.Contains(Line("Wholesite", site), text);
        Assert.Equal((1400.5m, 1060.25m), site);
        // The day table lists 5 November with its own figures.
        Assert.Contains("2026-11-05" + transformers[0].Code + ReportPdf.Number(600.5m) + ReportPdf.Number(300.25m) + ReportPdf.Number(300.25m), text);
    }

    [Fact]
    public async Task LossReconciliation_Day_HasNoDayTableAndZeroIncomerShowsNoPercent()
    {
        await using var host = await CreateAsync(Local(2026, 11, 1, 9));
        var report = await host.Generator.BuildAsync(ReportKind.LossReconciliation, ReportPeriod.Day(new DateOnly(2026, 11, 3)), "zh-CN", "scheduler", null, CancellationToken.None);
        Assert.Equal("线损核对报表", report.Title);
        Assert.Equal(2, report.Tables.Count);
        Assert.Equal(2, report.Tables[0].Rows.Count);
        Assert.Equal(["全站", 0m, 0m, 0m, "-"], report.Tables[0].Totals[0][..5]);
    }
}
