using Microsoft.Extensions.Options;
using Prepaid.App.Kernel.Contracts;
using Prepaid.App.Losses;
using Prepaid.App.Tests.Sharing;
using Prepaid.Domain.Billing;

namespace Prepaid.App.Tests.Losses;

public sealed class LossReconciliationTests
{
    // 2026-11-10 in Asia/Shanghai is 2026-11-09 16:00 to 2026-11-10 16:00 UTC.
    private static readonly DateTimeOffset Day10 = new(2026, 11, 9, 16, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Day11 = Day10.AddDays(1);

    private sealed class RecordingSink : ILossAlarmSink
    {
        public List<LossCheckResult> Results { get; } = [];

        public Task ReportAsync(LossCheckResult result, CancellationToken cancellationToken)
        {
            Results.Add(result);
            return Task.CompletedTask;
        }
    }

    private static async Task<SmallMall> MallWithTwoDaysAsync()
    {
        var mall = await SmallMall.CreateAsync();
        await mall.IntervalsAsync(
            (mall.Incomer1, Day10, 400m), (mall.Incomer1, Day10.AddHours(8), 350.5m), (mall.Incomer1, Day11.AddMinutes(-15), 249.5m),
            (mall.P1, Day10.AddHours(1), 300m), (mall.M1, Day10.AddHours(2), 450.25m), (mall.M3, Day10.AddHours(3), 200m),
            (mall.Incomer2, Day10.AddHours(4), 500m), (mall.P2, Day10.AddHours(4), 100m), (mall.M2, Day10.AddHours(5), 420m),
            (mall.Incomer1, Day11, 100m), (mall.M1, Day11.AddHours(6), 80m));
        return mall;
    }

    [Fact]
    public async Task DailyAsync_HandMadeIntervals_GivesIncomerSubMetersLossAndPercentPerTransformerAndSite()
    {
        var mall = await MallWithTwoDaysAsync();
        await using var _ = mall.Bed;

        var rows = await new LossReconciliationQuery(mall.Bed.Database).DailyAsync(mall.SiteId, new DateOnly(2026, 11, 10), new DateOnly(2026, 11, 11), default);

        Assert.Equal(6, rows.Count);
        var day10 = rows.Where(r => r.PeriodStart == new DateOnly(2026, 11, 10)).ToList();
        // T1: 1000 - (300 + 450.25 + 200) = 49.75 = 4.975 % -> 4.98; T2: 500 - 520 = -20 (-4 %); site: 1500 - 1470.25 = 29.75 (1.98 %).
        Assert.Equal(("T1", 1000m, 950.25m, 49.75m, 4.98m, 1, 3), Tuple(day10[0]));
        Assert.Equal(("T2", 500m, 520m, -20m, -4.00m, 1, 2), Tuple(day10[1]));
        Assert.Equal((LossReconciliationQuery.SiteScope, 1500m, 1470.25m, 29.75m, 1.98m, 2, 5), Tuple(day10[2]));
        Assert.Equal((mall.T1, (int?)null), (day10[0].TransformerId, day10[2].TransformerId));
        var day11 = rows.Where(r => r.PeriodStart == new DateOnly(2026, 11, 11)).ToList();
        Assert.Equal(("T1", 100m, 80m, 20m, 20.00m, 1, 3), Tuple(day11[0]));
        Assert.Null(day11[1].LossPercent);
    }

    [Fact]
    public async Task MonthlyAsync_HandMadeIntervals_SumsTheDaysOfTheSiteMonth()
    {
        var mall = await MallWithTwoDaysAsync();
        await using var _ = mall.Bed;
        // Just before November in site time (2026-10-31 15:45 UTC is October 31 23:45 in Shanghai): not November.
        await mall.IntervalsAsync((mall.Incomer1, new DateTimeOffset(2026, 10, 31, 15, 45, 0, TimeSpan.Zero), 777m));

        var rows = await new LossReconciliationQuery(mall.Bed.Database).MonthlyAsync(mall.SiteId, new BillingMonth(2026, 11), new BillingMonth(2026, 11), default);

        // T1: 1100 - 1030.25 = 69.75 (6.34 %); T2: -20; site: 1600 - 1550.25 = 49.75 (3.109375 % -> 3.11).
        Assert.Equal([("T1", 1100m, 1030.25m, 69.75m, 6.34m, 1, 3), ("T2", 500m, 520m, -20m, -4.00m, 1, 2),
            (LossReconciliationQuery.SiteScope, 1600m, 1550.25m, 49.75m, 3.11m, 2, 5)], rows.Select(Tuple));
        Assert.All(rows, r => Assert.Equal((LossPeriod.Month, new DateOnly(2026, 11, 1)), (r.Period, r.PeriodStart)));
    }

    [Fact]
    public async Task CheckDayAsync_LossAboveThreshold_ReportsExceededScopesAndSkipsIdleIncomers()
    {
        var mall = await MallWithTwoDaysAsync();
        await using var _ = mall.Bed;
        var sink = new RecordingSink();
        var options = Options.Create(new LossCheckOptions { ThresholdPercent = 8m, MinimumIncomerKwh = 50m });
        var service = new LossCheckService(mall.Bed.Database, new LossReconciliationQuery(mall.Bed.Database), sink, options, mall.Bed.Clock);

        await service.CheckDayAsync(mall.SiteId, new DateOnly(2026, 11, 10), default);
        await service.CheckDayAsync(mall.SiteId, new DateOnly(2026, 11, 11), default);

        Assert.Equal([("T1", false), ("T2", false), ("SITE", false), ("T1", true), ("SITE", true)], sink.Results.Select(r => (r.Row.Scope, r.Exceeded)));
    }

    private static (string, decimal, decimal, decimal, decimal?, int, int) Tuple(LossRow r) =>
        (r.Scope, r.IncomerKwh, r.SubMetersKwh, r.LossKwh, r.LossPercent, r.IncomerMeters, r.SubMeters);
}
