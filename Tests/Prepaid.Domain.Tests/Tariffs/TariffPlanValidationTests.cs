using Prepaid.Domain.Tariffs;

namespace Prepaid.Domain.Tests.Tariffs;

public class TariffPlanValidationTests
{
    private static TariffPlan Tou(params TouSegment[] segments) =>
        TariffPlanExamples.FlatElectricity2026() with
        {
            Kind = PricingKind.Tou,
            FlatPrice = null,
            Tou = new TouSchedule
            {
                Rates =
                [
                    new RatePrice { Rate = TouRate.Peak, Price = 1.15m },
                    new RatePrice { Rate = TouRate.Valley, Price = 0.35m },
                ],
                DaySchedules = [new DaySchedule { Name = "day", Segments = segments }],
            },
        };

    private static TouSegment At(int hour, int minute, TouRate rate) =>
        new() { Start = new TimeOnly(hour, minute), Rate = rate };

    private static TariffPlan WithSeasons(params Season[] seasons)
    {
        var plan = TariffPlanExamples.CommercialTou2026();
        return plan with { Tou = plan.Tou! with { Seasons = seasons } };
    }

    private static Season Season(string name, int fromMonth, int fromDay, int toMonth, int toDay) =>
        new() { Name = name, From = new MonthDay(fromMonth, fromDay), To = new MonthDay(toMonth, toDay), DaySchedule = name == "summer" ? "summer" : "normal" };

    private static TariffPlan Tiered(params TierBlock[] blocks) =>
        TariffPlanExamples.WaterTiered2026() with { Tiers = new TierSchedule { Period = TierPeriod.Monthly, Blocks = blocks } };

    [Fact]
    public void Validate_FirstSegmentAfterMidnight_ReportsUncoveredStart()
    {
        var errors = Tou(At(7, 0, TouRate.Peak), At(23, 0, TouRate.Valley)).Validate();

        Assert.Equal(
            ["Day schedule 'day' segment 1 starts at 07:00; the first segment must start at 00:00 so the day is covered."],
            errors);
    }

    [Fact]
    public void Validate_SegmentStartsNotIncreasing_ReportsWhichSegment()
    {
        var errors = Tou(At(0, 0, TouRate.Valley), At(8, 0, TouRate.Peak), At(8, 0, TouRate.Valley)).Validate();

        Assert.Equal(
            ["Day schedule 'day' segment 3 (08:00) does not start after segment 2 (08:00); segment starts must be strictly increasing."],
            errors);
    }

    [Fact]
    public void Validate_FifteenSegments_ReportsMeterLimit()
    {
        var segments = Enumerable.Range(0, 15)
            .Select(i => At(i, 0, i % 2 == 0 ? TouRate.Valley : TouRate.Peak))
            .ToArray();

        var errors = Tou(segments).Validate();

        Assert.Equal(["Day schedule 'day' has 15 segments; a meter holds at most 14."], errors);
    }

    [Fact]
    public void Validate_FourteenSegments_IsValid()
    {
        var segments = Enumerable.Range(0, 14)
            .Select(i => At(i, 30 * (i % 2), i % 2 == 0 ? TouRate.Valley : TouRate.Peak))
            .ToArray();

        Assert.Empty(Tou(segments).Validate());
    }

    [Fact]
    public void Validate_SegmentRateWithoutPrice_ReportsRate()
    {
        var errors = Tou(At(0, 0, TouRate.Valley), At(19, 0, TouRate.Sharp)).Validate();

        Assert.Equal(["Day schedule 'day' segment 2 (19:00) uses rate Sharp, which has no price."], errors);
    }

    [Fact]
    public void Validate_SegmentNotOnWholeMinute_Reported()
    {
        var errors = Tou(At(0, 0, TouRate.Valley), new TouSegment { Start = new TimeOnly(8, 0, 30), Rate = TouRate.Peak }).Validate();

        Assert.Equal(["Day schedule 'day' segment 2 (08:00) does not start on a whole minute."], errors);
    }

    [Fact]
    public void Validate_RatePricedTwiceAndTooManyDecimals_ReportsBoth()
    {
        var plan = Tou(At(0, 0, TouRate.Valley));
        plan = plan with
        {
            Tou = plan.Tou! with
            {
                Rates =
                [
                    new RatePrice { Rate = TouRate.Valley, Price = 0.35m },
                    new RatePrice { Rate = TouRate.Valley, Price = 0.123456m },
                ],
            },
        };

        Assert.Equal(
            ["Rate Valley is priced twice.", "The Valley price 0.123456 has more than 4 decimals."],
            plan.Validate());
    }

    [Fact]
    public void Validate_SeasonsLeaveGap_ReportsUncoveredDays()
    {
        var errors = WithSeasons(Season("summer", 7, 1, 8, 31), Season("rest", 9, 1, 5, 31)).Validate();

        Assert.Equal(["No season covers 06-01..06-30; seasons must cover the whole year."], errors);
    }

    [Fact]
    public void Validate_SeasonsOverlap_ReportsFirstSharedDay()
    {
        var errors = WithSeasons(Season("summer", 7, 1, 8, 31), Season("rest", 8, 15, 6, 30)).Validate();

        Assert.Equal(["Season 2 'rest' (08-15..06-30) overlaps season 1 'summer' from 08-15."], errors);
    }

    [Fact]
    public void Validate_SeasonEndsOnFebruary28_ReportsLeapDayWithHint()
    {
        var errors = WithSeasons(Season("winter", 11, 1, 2, 28), Season("rest", 3, 1, 6, 30), Season("summer", 7, 1, 10, 31)).Validate();

        Assert.Equal(
            ["No season covers 02-29..02-29 (a season ending in February must end on 02-29); seasons must cover the whole year."],
            errors);
    }

    [Fact]
    public void Validate_FiveSeasons_ReportsMeterLimit()
    {
        var errors = WithSeasons(
            Season("a", 1, 1, 2, 29),
            Season("b", 3, 1, 4, 30),
            Season("c", 5, 1, 6, 30),
            Season("summer", 7, 1, 8, 31),
            Season("e", 9, 1, 12, 31)).Validate();

        Assert.Equal(["The TOU schedule has 5 seasons; a meter holds at most 4."], errors);
    }

    [Fact]
    public void Validate_SeasonNamesMissingDaySchedule_Reported()
    {
        var errors = WithSeasons(Season("all", 1, 1, 12, 31) with { DaySchedule = "holiday" }).Validate();

        Assert.Equal(
            [
                "Season 1 'all' (01-01..12-31) uses day schedule 'holiday', which does not exist.",
                "Day schedule 'normal' is not used by any season.",
                "Day schedule 'summer' is not used by any season.",
            ],
            errors);
    }

    [Fact]
    public void Validate_DayScheduleNoSeasonUses_Reported()
    {
        var errors = WithSeasons(Season("all", 1, 1, 12, 31)).Validate();

        Assert.Equal(["Day schedule 'summer' is not used by any season."], errors);
    }

    [Fact]
    public void Validate_TwoDaySchedulesWithoutSeasons_Reported()
    {
        var errors = WithSeasons().Validate();

        Assert.Equal(["The TOU schedule has 2 day schedules but no seasons to choose between them."], errors);
    }

    [Fact]
    public void Validate_TierThresholdsNotAscending_ReportsWhichBlock()
    {
        var errors = Tiered(
            new TierBlock { UpTo = 30m, Price = 4.20m },
            new TierBlock { UpTo = 20m, Price = 5.60m },
            new TierBlock { Price = 7.80m }).Validate();

        Assert.Equal(["Tier block 2 threshold 20 is not above block 1 threshold 30; thresholds must be ascending."], errors);
    }

    [Fact]
    public void Validate_LastTierHasThreshold_ReportsOpenEnd()
    {
        var errors = Tiered(new TierBlock { UpTo = 30m, Price = 4.20m }, new TierBlock { UpTo = 60m, Price = 5.60m }).Validate();

        Assert.Equal(["Tier block 2 (the last) has threshold 60; the last block must be open-ended (no upTo)."], errors);
    }

    [Fact]
    public void Validate_MiddleTierWithoutThreshold_Reported()
    {
        var errors = Tiered(new TierBlock { Price = 4.20m }, new TierBlock { Price = 5.60m }).Validate();

        Assert.Equal(["Tier block 1 has no threshold (upTo); only the last block is open-ended."], errors);
    }

    [Fact]
    public void Validate_TieredBlockWithAdder_ReportsKindMismatch()
    {
        var errors = Tiered(new TierBlock { UpTo = 30m, Adder = 0.1m }, new TierBlock { Price = 5.60m }).Validate();

        Assert.Equal(
            ["Tier block 1 has an adder; only blocks of a TouTiered plan have one.", "Tier block 1 has no price."],
            errors);
    }

    [Fact]
    public void Validate_KindPartsMismatch_ReportsMissingAndExtraParts()
    {
        var plan = TariffPlanExamples.FlatElectricity2026() with { Kind = PricingKind.TouTiered };

        Assert.Equal(
            [
                "A TouTiered plan must not have a flat price.",
                "A TouTiered plan needs a TOU schedule.",
                "A TouTiered plan needs tier blocks.",
            ],
            plan.Validate());
    }

    [Fact]
    public void EnsureValid_InvalidPlan_ThrowsWithAllErrors()
    {
        var plan = TariffPlanExamples.FlatElectricity2026() with { FlatPrice = -0.5m, Name = "" };

        var e = Assert.Throws<TariffValidationException>(plan.EnsureValid);

        Assert.Equal(["The plan has no name.", "The flat price -0.5 is negative."], e.Errors);
    }
}
