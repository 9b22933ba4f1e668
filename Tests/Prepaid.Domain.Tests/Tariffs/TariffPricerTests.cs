using Prepaid.Domain.Tariffs;

namespace Prepaid.Domain.Tests.Tariffs;

public class TariffPricerTests
{
    private static readonly DateTimeOffset Morning = new(2026, 3, 10, 8, 0, 0, TimeSpan.FromHours(8));

    private static TariffPricer Pricer(TariffPlan plan) =>
        new(new Tariff(plan), TimeZoneInfo.FindSystemTimeZoneById(SiteTimeZone.DefaultId));

    [Fact]
    public void PriceInterval_ReversedInterval_Throws()
    {
        var pricer = Pricer(TariffPlanExamples.CommercialTou2026());

        Assert.Throws<ArgumentException>(() => pricer.PriceInterval(Morning, Morning.AddHours(-1), 1m));
    }

    [Fact]
    public void PriceInterval_ZeroDeltaAtSameInstant_GivesNoItemsAndKeepsUsage()
    {
        var pricer = Pricer(TariffPlanExamples.WaterTiered2026());
        var usage = TierUsage.For(2026, 3, 12m);

        var charge = pricer.PriceInterval(Morning, Morning, 0m, usage);

        Assert.Empty(charge.Items);
        Assert.Equal(0m, charge.Total);
        Assert.Equal(usage, charge.UsageAfter);
    }

    [Fact]
    public void PriceInterval_NegativeDelta_Throws()
    {
        var pricer = Pricer(TariffPlanExamples.CommercialTou2026());

        Assert.Throws<ArgumentOutOfRangeException>(() => pricer.PriceInterval(Morning, Morning.AddHours(1), -0.01m));
    }

    [Fact]
    public void PriceRegisters_NegativeRegister_ThrowsNamingRate()
    {
        var pricer = Pricer(TariffPlanExamples.CommercialTou2026());
        var deltas = new Dictionary<TouRate, decimal> { [TouRate.Peak] = 1m, [TouRate.Valley] = -2m };

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => pricer.PriceRegisters(Morning, Morning.AddHours(1), deltas));

        Assert.StartsWith("The Valley register delta is negative", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PriceRegisters_RateWithoutPrice_ThrowsNamingPlanAndRate()
    {
        var pricer = Pricer(TariffPlanExamples.CommercialTou2026());
        var deltas = new Dictionary<TouRate, decimal> { [TouRate.DeepValley] = 1m };

        var e = Assert.Throws<InvalidOperationException>(() => pricer.PriceRegisters(Morning, Morning.AddHours(1), deltas));

        Assert.Equal(
            "Plan 'Commercial TOU 2026' (valid from 2026-01-01) has no price for rate DeepValley; a DeepValley register delta cannot be priced with it.",
            e.Message);
    }

    [Fact]
    public void PriceInterval_UsageOfLaterMonth_Throws()
    {
        var pricer = Pricer(TariffPlanExamples.WaterTiered2026());

        Assert.Throws<ArgumentException>(() => pricer.PriceInterval(Morning, Morning.AddHours(1), 1m, TierUsage.For(2026, 4, 3m)));
    }

    [Fact]
    public void PriceInterval_NegativeUsage_Throws()
    {
        var pricer = Pricer(TariffPlanExamples.WaterTiered2026());

        Assert.Throws<ArgumentOutOfRangeException>(() => pricer.PriceInterval(Morning, Morning.AddHours(1), 1m, TierUsage.For(2026, 3, -1m)));
    }

    [Fact]
    public void PriceInterval_FixedChinaZone_PricesLikeAsiaShanghai()
    {
        var tariff = new Tariff(TariffPlanExamples.CommercialTouTiered2026());
        var start = new DateTimeOffset(2026, 7, 30, 15, 17, 0, TimeSpan.Zero);
        var system = new TariffPricer(tariff, TimeZoneInfo.FindSystemTimeZoneById(SiteTimeZone.DefaultId));
        var fixedZone = new TariffPricer(tariff, SiteTimeZone.FixedChinaStandardTime);

        var expected = system.PriceInterval(start, start.AddDays(3), 1234.567m, TierUsage.For(2026, 7, 900m));
        var actual = fixedZone.PriceInterval(start, start.AddDays(3), 1234.567m, TierUsage.For(2026, 7, 900m));

        Assert.Equal(expected.Items, actual.Items);
        Assert.Equal(expected.Total, actual.Total);
    }

    [Fact]
    public void PriceInterval_ConsecutiveDeltasThreadingUsage_CrossThresholdOnce()
    {
        var pricer = Pricer(TariffPlanExamples.WaterTiered2026());
        var usage = TierUsage.For(2026, 3, 0m);
        var tiers = new List<int?>();
        for (var hour = 0; hour < 8; hour++)
        {
            var charge = pricer.PriceInterval(Morning.AddHours(hour), Morning.AddHours(hour + 1), 10m, usage);
            tiers.AddRange(charge.Items.Select(i => i.TierIndex));
            usage = charge.UsageAfter;
        }

        Assert.Equal([0, 0, 0, 1, 1, 1, 2, 2], tiers);
        Assert.Equal(80m, usage.MonthToDate);
    }

    [Fact]
    public void PriceInterval_LongDecimalsAcrossThreshold_FirstPieceIsExactlyTheRoom()
    {
        var pricer = Pricer(TariffPlanExamples.WaterTiered2026());

        var charge = pricer.PriceInterval(Morning, Morning.AddMinutes(7), 123456.123456789m, TierUsage.For(2026, 3, 25.123456789m));

        Assert.Equal([4.876543211m, 30m, 123421.246913578m], charge.Items.Select(i => i.Quantity));
        Assert.Equal(123481.246913578m, charge.UsageAfter.MonthToDate);
    }

    [Fact]
    public void PriceRegisters_ThirdsAcrossThreshold_SharesRoundedAndRatesSumExactly()
    {
        var pricer = Pricer(TariffPlanExamples.CommercialTouTiered2026() with { ValidFrom = new DateOnly(2026, 1, 1) });
        var deltas = new Dictionary<TouRate, decimal> { [TouRate.Peak] = 1m, [TouRate.Flat] = 2m };

        var charge = pricer.PriceRegisters(Morning, Morning.AddHours(1), deltas, TierUsage.For(2026, 3, 999m));

        Assert.Equal([0.333333333m, 0.666666667m, 0.666666667m, 1.333333333m], charge.Items.Select(i => i.Quantity));
        Assert.Equal([0, 0, 1, 1], charge.Items.Select(i => i.TierIndex));
    }

    [Theory]
    [InlineData(0.00005, 0.0001)]
    [InlineData(0.00004999, 0)]
    [InlineData(1.23455, 1.2346)]
    [InlineData(1.23465, 1.2347)]
    public void RoundAmount_Midpoint_RoundsHalfAwayFromZero(double raw, double expected)
    {
        Assert.Equal((decimal)expected, TariffPricer.RoundAmount((decimal)raw));
    }
}
