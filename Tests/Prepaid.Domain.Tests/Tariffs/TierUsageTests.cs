using Prepaid.Domain.Tariffs;

namespace Prepaid.Domain.Tests.Tariffs;

public class TierUsageTests
{
    [Fact]
    public void MovedTo_SameMonth_KeepsTotals()
    {
        var usage = TierUsage.For(2026, 3, 25m, 100m);

        Assert.Equal(usage, usage.MovedTo(new DateOnly(2026, 3, 31)));
    }

    [Fact]
    public void MovedTo_NextMonth_RestartsMonthKeepsYear()
    {
        var moved = TierUsage.For(2026, 3, 25m, 100m).MovedTo(new DateOnly(2026, 4, 1));

        Assert.Equal(new TierUsage(2026, 4, 0m, 100m), moved);
    }

    [Fact]
    public void MovedTo_NextYear_RestartsBoth()
    {
        var moved = TierUsage.For(2025, 12, 25m, 900m).MovedTo(new DateOnly(2026, 1, 1));

        Assert.Equal(new TierUsage(2026, 1, 0m, 0m), moved);
    }

    [Fact]
    public void MovedTo_Default_StartsFromZero()
    {
        Assert.Equal(new TierUsage(2026, 5, 0m, 0m), default(TierUsage).MovedTo(new DateOnly(2026, 5, 20)));
    }

    [Fact]
    public void MovedTo_EarlierDate_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => TierUsage.For(2026, 4, 1m).MovedTo(new DateOnly(2026, 3, 31)));

        Assert.StartsWith("Tier usage is for 2026-04, after the priced day 2026-03-31.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void In_Period_PicksMonthOrYearTotal()
    {
        var usage = TierUsage.For(2026, 4, 10m, 70m);

        Assert.Equal(10m, usage.In(TierPeriod.Monthly));
        Assert.Equal(70m, usage.In(TierPeriod.Yearly));
    }
}
