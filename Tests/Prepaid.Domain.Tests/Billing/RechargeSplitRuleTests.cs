using System.Globalization;
using Prepaid.Domain.Billing;

namespace Prepaid.Domain.Tests.Billing;

public sealed class RechargeSplitRuleTests
{
    private static decimal D(string s) => decimal.Parse(s, CultureInfo.InvariantCulture);

    [Theory]
    // amount, electricity 30 d, water 30 d, expected electricity, expected water, basis
    [InlineData("500", "800", "200", "400", "100", RechargeSplitBasis.ConsumptionShare)]
    [InlineData("100", "2", "1", "66.67", "33.33", RechargeSplitBasis.ConsumptionShare)]
    [InlineData("0.03", "2", "1", "0.02", "0.01", RechargeSplitBasis.ConsumptionShare)]
    [InlineData("100", "990", "10", "90", "10", RechargeSplitBasis.ConsumptionShare)]
    [InlineData("100", "10", "990", "10", "90", RechargeSplitBasis.ConsumptionShare)]
    [InlineData("100", "1000", "0", "90", "10", RechargeSplitBasis.ConsumptionShare)]
    [InlineData("0.05", "1000", "0", "0.05", "0.00", RechargeSplitBasis.ConsumptionShare)]
    [InlineData("100.01", "0", "0", "50.01", "50.00", RechargeSplitBasis.EqualNoHistory)]
    public void Split_ByConsumption_WaterFlooredToTheFenElectricityTakesTheRest(
        string amount, string electricity, string water, string expectedElectricity, string expectedWater, RechargeSplitBasis basis)
    {
        var split = RechargeSplitRule.Split(new RechargeSplitInput
        {
            Amount = D(amount),
            ElectricityLast30DaysYuan = D(electricity),
            WaterLast30DaysYuan = D(water),
        });

        Assert.Equal(D(expectedElectricity), split.Electricity);
        Assert.Equal(D(expectedWater), split.Water);
        Assert.Equal(basis, split.Basis);
        Assert.Equal(D(amount), split.Electricity + split.Water);
    }

    [Fact]
    public void Split_TenantChoice_GivesWaterExactlyThat()
    {
        var split = RechargeSplitRule.Split(new RechargeSplitInput
        {
            Amount = 300m,
            ElectricityLast30DaysYuan = 1m,
            WaterLast30DaysYuan = 1000m,
            TenantWaterAmount = 20.5m,
        });

        Assert.Equal(new RechargeSplit(279.5m, 20.5m, 0.06833333m, RechargeSplitBasis.TenantChoice), split);
    }

    [Fact]
    public void Split_OneMeter_GetsEverything()
    {
        var electricityOnly = RechargeSplitRule.Split(new RechargeSplitInput { Amount = 10m, HasWaterMeter = false, WaterLast30DaysYuan = 5m });
        var waterOnly = RechargeSplitRule.Split(new RechargeSplitInput { Amount = 10m, HasElectricityMeter = false });

        Assert.Equal(new RechargeSplit(10m, 0m, 0m, RechargeSplitBasis.SingleMeter), electricityOnly);
        Assert.Equal(new RechargeSplit(0m, 10m, 1m, RechargeSplitBasis.SingleMeter), waterOnly);
    }

    [Fact]
    public void Split_NoMinimumShare_FollowsConsumptionAllTheWay()
    {
        var split = RechargeSplitRule.Split(new RechargeSplitInput
        {
            Amount = 100m, ElectricityLast30DaysYuan = 1000m, WaterLast30DaysYuan = 0m, MinimumShare = 0m,
        });

        Assert.Equal(100m, split.Electricity);
        Assert.Equal(0m, split.Water);
    }

    [Theory]
    [InlineData("0", "0", "0", null, "0.1")]
    [InlineData("-1", "0", "0", null, "0.1")]
    [InlineData("1.001", "0", "0", null, "0.1")]
    [InlineData("10", "-1", "0", null, "0.1")]
    [InlineData("10", "0", "0.00001", null, "0.1")]
    [InlineData("10", "0", "0", "10.01", "0.1")]
    [InlineData("10", "0", "0", "-1", "0.1")]
    [InlineData("10", "0", "0", null, "0.6")]
    public void Split_InvalidInput_Throws(string amount, string electricity, string water, string? chosen, string minimum)
    {
        Assert.Throws<BillingValidationException>(() => RechargeSplitRule.Split(new RechargeSplitInput
        {
            Amount = D(amount),
            ElectricityLast30DaysYuan = D(electricity),
            WaterLast30DaysYuan = D(water),
            TenantWaterAmount = chosen is null ? null : D(chosen),
            MinimumShare = D(minimum),
        }));
    }

    [Fact]
    public void Split_NoMeter_Throws()
    {
        Assert.Throws<BillingValidationException>(() => RechargeSplitRule.Split(
            new RechargeSplitInput { Amount = 1m, HasElectricityMeter = false, HasWaterMeter = false }));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(8080)]
    public void Split_RandomInputs_ExactToTheFenWithinTheMinimumAndBelowTheExactQuota(int seed)
    {
        var random = new Random(seed);
        for (var run = 0; run < 5000; run++)
        {
            var amount = random.NextInt64(1, 10_000_000) / 100m;
            var electricity = random.Next(0, 4) == 0 ? 0m : random.NextInt64(0, 100_000_000) / 10_000m;
            var water = random.Next(0, 4) == 0 ? 0m : random.NextInt64(0, 10_000_000) / 10_000m;
            var minimum = random.Next(0, 51) / 100m;

            var split = RechargeSplitRule.Split(new RechargeSplitInput
            {
                Amount = amount, ElectricityLast30DaysYuan = electricity, WaterLast30DaysYuan = water, MinimumShare = minimum,
            });

            Assert.Equal(amount, split.Electricity + split.Water);
            Assert.True(Fen.IsWhole(split.Water) && Fen.IsWhole(split.Electricity));
            Assert.True(split.Water >= 0 && split.Electricity >= 0);
            var share = electricity + water == 0 ? 0.5m : water / (electricity + water);
            share = Math.Clamp(share, minimum, 1m - minimum);
            var exact = amount * share;
            Assert.True(split.Water <= exact + 0.000001m && exact - split.Water < 0.01m, $"{amount}: water {split.Water} vs exact {exact}");
        }
    }
}
