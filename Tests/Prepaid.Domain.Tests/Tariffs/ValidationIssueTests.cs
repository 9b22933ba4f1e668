using Prepaid.Domain.Tariffs;

namespace Prepaid.Domain.Tests.Tariffs;

public class ValidationIssueTests
{
    public static TheoryData<string, TariffPlan> BrokenPlans()
    {
        var tou = TariffPlanExamples.CommercialTou2026();
        var water = TariffPlanExamples.WaterTiered2026();
        var flat = TariffPlanExamples.FlatElectricity2026();
        return new TheoryData<string, TariffPlan>
        {
            { "no name and bad flat price", flat with { Name = " ", FlatPrice = -0.12345m } },
            { "kind parts", flat with { Kind = PricingKind.Tou, Tiers = water.Tiers } },
            { "segments", tou with { Tou = tou.Tou! with
                {
                    Rates = [new RatePrice { Rate = TouRate.Peak, Price = 1.00001m }, new RatePrice { Rate = TouRate.Peak, Price = -1m }],
                    DaySchedules =
                    [
                        new DaySchedule { Name = "normal", Segments = [new TouSegment { Start = new TimeOnly(1, 0, 30), Rate = TouRate.Valley }, new TouSegment { Start = new TimeOnly(0, 30), Rate = TouRate.Peak }] },
                        new DaySchedule { Name = "normal", Segments = [] },
                        new DaySchedule { Name = "", Segments = [new TouSegment { Start = TimeOnly.MinValue, Rate = TouRate.Peak }] },
                    ],
                } } },
            { "seasons", tou with { Tou = tou.Tou! with
                {
                    Seasons =
                    [
                        new Season { Name = "a", From = new MonthDay(1, 1), To = new MonthDay(6, 30), DaySchedule = "normal" },
                        new Season { Name = "b", From = new MonthDay(6, 1), To = new MonthDay(8, 31), DaySchedule = "missing" },
                        new Season { Name = "c", From = new MonthDay(10, 1), To = new MonthDay(12, 31), DaySchedule = "normal" },
                    ],
                } } },
            { "tiers", water with { Tiers = water.Tiers! with { Blocks =
                [
                    new TierBlock { UpTo = 10m, Price = -1m, Adder = 0.1m },
                    new TierBlock { UpTo = 5m },
                    new TierBlock { UpTo = null, Price = 2m },
                    new TierBlock { UpTo = 0m, Price = 1.123456m },
                ] } } },
            { "tou tiered", tou with { Kind = PricingKind.TouTiered, Tiers = new TierSchedule { Period = TierPeriod.Monthly, Blocks =
                [
                    new TierBlock { UpTo = 10m, Price = 1m },
                    new TierBlock { Adder = -0.000001m },
                ] } } },
        };
    }

    [Theory]
    [MemberData(nameof(BrokenPlans))]
    public void ValidateIssues_BrokenPlan_SameEnglishAsValidateAndKnownCodes(string what, TariffPlan plan)
    {
        var issues = plan.ValidateIssues();

        Assert.NotEmpty(issues);
        Assert.Equal(plan.Validate(), issues.Select(i => i.English));
        foreach (var issue in issues)
        {
            Assert.True(TariffIssueCodes.All.TryGetValue(issue.Code, out var count), $"{what}: unlisted code {issue.Code}");
            Assert.Equal(count, issue.Args.Count);
        }
    }

    [Fact]
    public void ValidateIssues_SeasonsOverlap_CarriesNamesAndDayAsArguments()
    {
        var tou = TariffPlanExamples.CommercialTou2026();
        var plan = tou with { Tou = tou.Tou! with
        {
            Seasons =
            [
                new Season { Name = "normal", From = new MonthDay(1, 1), To = new MonthDay(12, 31), DaySchedule = "normal" },
                new Season { Name = "summer", From = new MonthDay(7, 1), To = new MonthDay(8, 31), DaySchedule = "summer" },
            ],
        } };

        var overlap = Assert.Single(plan.ValidateIssues(), i => i.Code == "Tariff.Season.Overlap");

        Assert.Equal([2, "summer", "07-01", "08-31", 1, "normal", "07-01"], overlap.Args);
    }
}
