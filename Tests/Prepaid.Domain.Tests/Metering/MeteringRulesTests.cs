using System.Globalization;
using Prepaid.Domain.Metering;
using Prepaid.Domain.Model;

namespace Prepaid.Domain.Tests.Metering;

public sealed class EnergyDeltaRuleTests
{
    [Theory]
    [InlineData("100.00", "100.50", 60, "30", EnergyDeltaKind.Valid)]
    [InlineData("100.00", "100.00", 60, "30", EnergyDeltaKind.Valid)]
    [InlineData("100.00", "99.99", 60, "30", EnergyDeltaKind.Negative)]
    [InlineData("99999999.99", "0.01", 60, "30", EnergyDeltaKind.Negative)]
    [InlineData("100.00", "100.50", 59, "30", EnergyDeltaKind.Deferred)]
    [InlineData("100.00", "130.00", 3600, "30", EnergyDeltaKind.Valid)]
    [InlineData("100.00", "130.01", 3600, "30", EnergyDeltaKind.Absurd)]
    [InlineData("100.00", "100.01", 0, "30", EnergyDeltaKind.Valid)]
    [InlineData("100.00", "100.02", 0, "30", EnergyDeltaKind.Deferred)]
    public void Classify_Readings_AreValidNegativeAbsurdOrDeferred(string previous, string current, int seconds, string maxKw, EnergyDeltaKind expected)
    {
        var result = EnergyDeltaRule.Classify(decimal.Parse(previous), decimal.Parse(current), TimeSpan.FromSeconds(seconds), decimal.Parse(maxKw));

        Assert.Equal(expected, result.Kind);
        Assert.Equal(decimal.Parse(current) - decimal.Parse(previous), result.Delta);
    }

    [Theory]
    // Exactly 30 kW, whatever the window: never above a 30 kW ceiling.
    [InlineData("1", 120, EnergyDeltaKind.Valid)]
    [InlineData("0.5", 60, EnergyDeltaKind.Valid)]
    [InlineData("3", 360, EnergyDeltaKind.Valid)]
    [InlineData("0.7", 84, EnergyDeltaKind.Valid)]
    // One ten-thousandth of a kWh more is above it.
    [InlineData("1.0001", 120, EnergyDeltaKind.Absurd)]
    [InlineData("3.0001", 360, EnergyDeltaKind.Absurd)]
    public void Classify_DeltaAtTheCeilingExactly_IsValidAndJustAboveIsAbsurd(string delta, int seconds, EnergyDeltaKind expected)
    {
        var result = EnergyDeltaRule.Classify(100m, 100m + decimal.Parse(delta, CultureInfo.InvariantCulture), TimeSpan.FromSeconds(seconds), 30m);

        Assert.Equal(expected, result.Kind);
    }

    [Fact]
    public void Classify_WindowWithSubSecondTicks_ComparesOnTheExactTicks()
    {
        // 30 kW for 120.5 s is 1.004166... kWh: 1.0041 is below the ceiling, 1.0042 above it.
        var window = TimeSpan.FromSeconds(120) + TimeSpan.FromMilliseconds(500);

        Assert.Equal(EnergyDeltaKind.Valid, EnergyDeltaRule.Classify(0m, 1.0041m, window, 30m).Kind);
        Assert.Equal(EnergyDeltaKind.Absurd, EnergyDeltaRule.Classify(0m, 1.0042m, window, 30m).Kind);
    }

    [Theory]
    [InlineData(300)]
    [InlineData(500)]
    [InlineData(1000)]
    [InlineData(1200)]
    public void Classify_OneCountInAFractionOfASecond_IsValidNotAJump(int milliseconds)
    {
        // 0.01 kWh is one count of the register: the true consumption may be any amount just above zero.
        var result = EnergyDeltaRule.Classify(1234.56m, 1234.57m, TimeSpan.FromMilliseconds(milliseconds), 30m);

        Assert.Equal(EnergyDeltaKind.Valid, result.Kind);
        Assert.Equal(0.01m, result.Delta);
    }

    [Theory]
    [InlineData(300)]
    [InlineData(1200)]
    [InlineData(30_000)]
    public void Classify_SeveralCountsInAWindowShorterThanAMinute_IsNotAJump(int milliseconds)
    {
        var result = EnergyDeltaRule.Classify(1234.56m, 1234.60m, TimeSpan.FromMilliseconds(milliseconds), 30m);

        Assert.NotEqual(EnergyDeltaKind.Absurd, result.Kind);
    }

    [Theory]
    [InlineData(60)]
    [InlineData(90)]
    [InlineData(3600)]
    public void Classify_MeterSwapJumpOverARealWindow_IsStillAJump(int seconds)
    {
        // The counter jumps 5000 kWh: a new meter, or a register written by hand.
        var result = EnergyDeltaRule.Classify(1234.56m, 6234.56m, TimeSpan.FromSeconds(seconds), 30m);

        Assert.Equal(EnergyDeltaKind.Absurd, result.Kind);
    }

    [Theory]
    [InlineData("-0.01", 300)]
    [InlineData("-0.01", 90_000)]
    [InlineData("-5000", 300)]
    [InlineData("-5000", 90_000)]
    public void Classify_NegativeDelta_IsStillFlaggedWhateverTheWindow(string delta, int milliseconds)
    {
        var result = EnergyDeltaRule.Classify(6234.56m, 6234.56m + decimal.Parse(delta, CultureInfo.InvariantCulture), TimeSpan.FromMilliseconds(milliseconds), 30m);

        Assert.Equal(EnergyDeltaKind.Negative, result.Kind);
    }

    [Fact]
    public void Classify_SeveralCountsInAShortWindow_IsDeferredWithoutAVerdict()
    {
        var result = EnergyDeltaRule.Classify(1234.56m, 1234.60m, TimeSpan.FromMilliseconds(800), 30m);

        Assert.Equal(new EnergyDelta(EnergyDeltaKind.Deferred, 0.04m, 0m), result);
    }

    [Fact]
    public void Classify_MeterSwapSeenInAShortWindow_IsJudgedAJumpFromTheKeptBaseline()
    {
        var baseline = 1234.56m;

        // 30 s after the baseline: too short to judge, the caller keeps the baseline.
        var first = EnergyDeltaRule.Classify(baseline, 6234.56m, TimeSpan.FromSeconds(30), 30m);
        // The next reading, 65 s after the same baseline.
        var second = EnergyDeltaRule.Classify(baseline, 6234.57m, TimeSpan.FromSeconds(65), 30m);

        Assert.Equal(EnergyDeltaKind.Deferred, first.Kind);
        Assert.Equal((EnergyDeltaKind.Absurd, 5000.01m), (second.Kind, second.Delta));
    }

    [Fact]
    public void Classify_ConsumptionSeenInAShortWindow_IsCountedInFullFromTheKeptBaseline()
    {
        var baseline = 500m;

        var first = EnergyDeltaRule.Classify(baseline, 500.20m, TimeSpan.FromSeconds(30), 30m);
        var second = EnergyDeltaRule.Classify(baseline, 500.41m, TimeSpan.FromSeconds(61), 30m);

        Assert.Equal(EnergyDeltaKind.Deferred, first.Kind);
        Assert.Equal((EnergyDeltaKind.Valid, 0.41m), (second.Kind, second.Delta));
    }

    [Fact]
    public void Classify_MinimumWindowZero_JudgesAShortWindowAsItIs()
    {
        // 0.02 kWh in 0.5 s is 144 kW: absurd when the caller asks for every window to be judged.
        var result = EnergyDeltaRule.Classify(0m, 0.02m, TimeSpan.FromMilliseconds(500), 30m, minimumWindow: TimeSpan.Zero);

        Assert.Equal((EnergyDeltaKind.Absurd, 144m), (result.Kind, result.ImpliedKw));
    }

    [Fact]
    public void Classify_OneCountOfACtMeter_IsNotAJump()
    {
        // CT 100: one count is 1 kWh primary; 1 kWh in 2 s would be 1800 kW against a 700 kW ceiling.
        var resolution = CountingResolution.For(MeterProfile.PrepaidThreePhase, 100, 1);
        var ceiling = PlausibleRate.For(MeterProfile.PrepaidThreePhase, 100, 1);

        var oneCount = EnergyDeltaRule.Classify(1000m, 1001m, TimeSpan.FromSeconds(2), ceiling, resolution, TimeSpan.Zero);
        var twoCounts = EnergyDeltaRule.Classify(1000m, 1002m, TimeSpan.FromSeconds(2), ceiling, resolution, TimeSpan.Zero);

        Assert.Equal(EnergyDeltaKind.Valid, oneCount.Kind);
        Assert.Equal(EnergyDeltaKind.Absurd, twoCounts.Kind);
    }

    [Fact]
    public void Classify_NegativeResolutionWindowOrElapsed_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => EnergyDeltaRule.Classify(0m, 1m, TimeSpan.FromMinutes(1), 30m, resolution: -0.01m));
        Assert.Throws<ArgumentOutOfRangeException>(() => EnergyDeltaRule.Classify(0m, 1m, TimeSpan.FromMinutes(1), 30m, minimumWindow: TimeSpan.FromSeconds(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => EnergyDeltaRule.Classify(0m, 1m, TimeSpan.FromSeconds(-1), 30m));
    }

    [Fact]
    public void Classify_AbsurdJump_ReportsTheImpliedPower()
    {
        var result = EnergyDeltaRule.Classify(0m, 500m, TimeSpan.FromMinutes(1), 30m);

        Assert.Equal(30000m, result.ImpliedKw);
    }
}

public sealed class CountingResolutionTests
{
    [Theory]
    [InlineData(MeterProfile.PrepaidSinglePhase, 1, 1, "0.01")]
    [InlineData(MeterProfile.PrepaidThreePhase, 0, 0, "0.01")]
    [InlineData(MeterProfile.PrepaidThreePhase, 50, 1, "0.5")]
    [InlineData(MeterProfile.MainIncomer, 200, 10, "20")]
    [InlineData(MeterProfile.PrepaidWater, 1, 1, "0.001")]
    public void For_MeterProfileAndRatios_IsOneRegisterCountOnThePrimarySide(MeterProfile profile, int ct, int pt, string expected)
    {
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), CountingResolution.For(profile, ct, pt));
    }
}

public sealed class IntervalAllocatorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Allocate_InsideOneInterval_GivesItAll()
    {
        var shares = IntervalAllocator.Allocate(T0.AddMinutes(1), T0.AddMinutes(14), 1.2345m);

        Assert.Equal([new IntervalShare(T0, 1.2345m)], shares);
    }

    [Fact]
    public void Allocate_EndingExactlyOnABoundary_StaysInTheFirstInterval()
    {
        var shares = IntervalAllocator.Allocate(T0, T0.AddMinutes(15), 2m);

        Assert.Equal([new IntervalShare(T0, 2m)], shares);
    }

    [Fact]
    public void Allocate_AcrossThreeIntervals_SplitsByTimeAndSumsExactly()
    {
        // 10 minutes before 01:15, the whole 01:15-01:30, 5 minutes after: 10 + 15 + 5 = 30 minutes.
        var shares = IntervalAllocator.Allocate(T0.AddMinutes(5), T0.AddMinutes(35), 3m);

        Assert.Equal([new IntervalShare(T0, 1m), new IntervalShare(T0.AddMinutes(15), 1.5m), new IntervalShare(T0.AddMinutes(30), 0.5m)], shares);
    }

    [Fact]
    public void Allocate_RandomDeltas_AlwaysSumToTheDeltaWithNoNegativeShare()
    {
        var random = new Random(915);
        for (var i = 0; i < 5_000; i++)
        {
            var from = T0.AddSeconds(random.Next(0, 86_400));
            var to = from.AddSeconds(random.Next(0, 20_000));
            var delta = random.Next(0, 1_000_000) / 100m;

            var shares = IntervalAllocator.Allocate(from, to, delta);

            Assert.Equal(delta, shares.Sum(s => s.Quantity));
            Assert.All(shares, s => Assert.True(s.Quantity >= 0));
            Assert.All(shares, s => Assert.Equal(0, s.IntervalStart.Ticks % IntervalAllocator.Length.Ticks));
        }
    }

    [Fact]
    public void Allocate_DayLongGap_EveryShareWithinOneTenThousandthOfExact()
    {
        // 9.5999 kWh over exactly 24 h: 96 intervals of 0.09999895... each.
        var from = new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);

        var shares = IntervalAllocator.Allocate(from, from.AddHours(24), 9.5999m);

        Assert.Equal(96, shares.Count);
        Assert.Equal(9.5999m, shares.Sum(s => s.Quantity));
        Assert.All(shares, s => Assert.Contains(s.Quantity, new[] { 0.0999m, 0.1000m }));
    }

    [Fact]
    public void Allocate_TinyDeltaOverManyIntervals_DoesNotLandInTheLastInterval()
    {
        // 0.0001 over 4 whole intervals: the running total crosses half a unit in the middle, not at the end.
        var shares = IntervalAllocator.Allocate(T0, T0.AddHours(1), 0.0001m);

        Assert.Equal([0m, 0.0001m, 0m, 0m], shares.Select(s => s.Quantity));
    }

    [Theory]
    [InlineData(20261120)]
    [InlineData(7)]
    [InlineData(424242)]
    public void Allocate_RandomDeltasAndGaps_EveryShareNearExactAndTheSumExact(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 3_000; i++)
        {
            var from = T0.AddTicks(random.NextInt64(0, TimeSpan.TicksPerDay));
            var to = from.AddTicks(random.NextInt64(0, TimeSpan.TicksPerDay * (random.Next(0, 4) == 0 ? 10 : 1)));
            var delta = random.Next(0, 4) switch
            {
                0 => random.Next(0, 100) / 10_000m,
                1 => random.Next(0, 100_000) / 100m,
                _ => random.NextInt64(0, 10_000_000_000) / 10_000m,
            };

            var shares = IntervalAllocator.Allocate(from, to, delta);

            Assert.Equal(delta, shares.Sum(s => s.Quantity));
            var total = (decimal)(to - from).Ticks;
            foreach (var share in shares)
            {
                Assert.Equal(share.Quantity, decimal.Round(share.Quantity, 4));
                var start = share.IntervalStart > from ? share.IntervalStart : from;
                var end = share.IntervalStart + IntervalAllocator.Length < to ? share.IntervalStart + IntervalAllocator.Length : to;
                var exact = total == 0 ? delta : delta * (end - start).Ticks / total;
                Assert.True(Math.Abs(share.Quantity - exact) <= 0.0001m,
                    $"seed {seed} case {i}: {delta} from {from:O} to {to:O}, share at {share.IntervalStart:O} is {share.Quantity}, exact {exact}");
            }
        }
    }

    [Fact]
    public void Allocate_EndBeforeStart_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => IntervalAllocator.Allocate(T0, T0.AddSeconds(-1), 1m));
    }
}

public sealed class FreezeRuleTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Fact]
    public void Crossed_ReadingsAroundLocalMidnight_InterpolatesTheDailyFreeze()
    {
        // 23:50 and 00:10 Shanghai time (15:50 and 16:10 UTC): midnight is halfway.
        var before = new DateTimeOffset(2026, 11, 20, 15, 50, 0, TimeSpan.Zero);
        var after = new DateTimeOffset(2026, 11, 20, 16, 10, 0, TimeSpan.Zero);

        var points = FreezeRule.Crossed(before, 100m, after, 102m, Shanghai);

        var point = Assert.Single(points);
        Assert.Equal((FreezeKind.Daily, new DateOnly(2026, 11, 21), 101m), (point.Kind, point.Period, point.Value));
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 16, 0, 0, TimeSpan.Zero), point.At);
    }

    [Fact]
    public void Crossed_FirstOfTheMonth_AddsTheMonthlyFreeze()
    {
        var before = new DateTimeOffset(2026, 11, 30, 15, 59, 0, TimeSpan.Zero);
        var after = new DateTimeOffset(2026, 11, 30, 16, 1, 0, TimeSpan.Zero);

        var points = FreezeRule.Crossed(before, 10m, after, 10.2m, Shanghai);

        Assert.Equal([FreezeKind.Daily, FreezeKind.Monthly], points.Select(p => p.Kind));
        Assert.All(points, p => Assert.Equal(new DateOnly(2026, 12, 1), p.Period));
        Assert.All(points, p => Assert.Equal(10.1m, p.Value));
    }

    [Fact]
    public void Crossed_SameLocalDay_GivesNothing()
    {
        var before = new DateTimeOffset(2026, 11, 20, 1, 0, 0, TimeSpan.Zero);

        Assert.Empty(FreezeRule.Crossed(before, 1m, before.AddHours(10), 2m, Shanghai));
    }

    [Fact]
    public void Crossed_ThreeDayGap_FreezesEveryMidnightInOrder()
    {
        var before = new DateTimeOffset(2026, 11, 20, 4, 0, 0, TimeSpan.Zero);

        var points = FreezeRule.Crossed(before, 0m, before.AddDays(3), 72m, Shanghai);

        Assert.Equal([new DateOnly(2026, 11, 21), new DateOnly(2026, 11, 22), new DateOnly(2026, 11, 23)], points.Select(p => p.Period));
        Assert.Equal([12m, 36m, 60m], points.Select(p => p.Value));
    }

    [Fact]
    public void Crossed_ReadingExactlyAtMidnight_UsesItsValue()
    {
        var before = new DateTimeOffset(2026, 11, 20, 15, 0, 0, TimeSpan.Zero);
        var midnight = new DateTimeOffset(2026, 11, 20, 16, 0, 0, TimeSpan.Zero);

        var point = Assert.Single(FreezeRule.Crossed(before, 5m, midnight, 6m, Shanghai));

        Assert.Equal(6m, point.Value);
    }
}
