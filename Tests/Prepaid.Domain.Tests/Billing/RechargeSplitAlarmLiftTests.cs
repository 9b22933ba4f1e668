using System.Globalization;
using Prepaid.Domain.Billing;

namespace Prepaid.Domain.Tests.Billing;

public sealed class RechargeSplitAlarmLiftTests
{
    private static decimal D(string s) => decimal.Parse(s, CultureInfo.InvariantCulture);

    private static RechargeSplitInput StallCase(decimal amount = 500m) => new()
    {
        // The account that stalled: water used nine times the money, electricity was off and read 11.58.
        Amount = amount,
        ElectricityLast30DaysYuan = 10m,
        WaterLast30DaysYuan = 90m,
        ElectricityRemaining = 11.58m,
        WaterRemaining = 200m,
        AlarmAmount1 = 100m,
    };

    [Fact]
    public void Split_StallCase_LiftsElectricityToAlarm1BeforeTheConsumptionShare()
    {
        var split = RechargeSplitRule.Split(StallCase());

        // 88.42 lifts electricity to 100; the other 411.58 goes 90 % to water (370.42, floored) and 41.16 to electricity.
        Assert.Equal(129.58m, split.Electricity);
        Assert.Equal(370.42m, split.Water);
        Assert.Equal(RechargeSplitBasis.AlarmLift, split.Basis);
        Assert.True(11.58m + split.Electricity >= 100m);
    }

    [Fact]
    public void Split_StallCaseWithoutRemainingAmounts_IsTheOldConsumptionSplit()
    {
        var split = RechargeSplitRule.Split(StallCase() with { ElectricityRemaining = null, WaterRemaining = null });

        Assert.Equal(50m, split.Electricity);
        Assert.Equal(450m, split.Water);
        Assert.Equal(RechargeSplitBasis.ConsumptionShare, split.Basis);
    }

    [Theory]
    // amount, electricity remaining, water remaining, expected electricity, expected water
    [InlineData("50", "0", "50", "33.34", "16.66")]
    [InlineData("60", "0", "40", "37.50", "22.50")]
    [InlineData("10", "-20", "90", "9.24", "0.76")]
    [InlineData("0.01", "50", "50", "0.01", "0")]
    [InlineData("100", "0.004", "50", "66.67", "33.33")]
    public void Split_TooLittleToLiftBoth_DividesByWhatEachLacks(string amount, string electricityRemaining, string waterRemaining, string electricity, string water)
    {
        var split = RechargeSplitRule.Split(StallCase(D(amount)) with { ElectricityRemaining = D(electricityRemaining), WaterRemaining = D(waterRemaining) });

        Assert.Equal(D(electricity), split.Electricity);
        Assert.Equal(D(water), split.Water);
        Assert.Equal(D(amount), split.Electricity + split.Water);
        Assert.Equal(RechargeSplitBasis.AlarmLiftPartial, split.Basis);
    }

    [Fact]
    public void ChoiceLimits_PaymentLiftsBoth_KeepEachMeterAtAlarm1()
    {
        var (min, max) = RechargeSplitRule.ChoiceLimits(StallCase() with { WaterRemaining = 60m });

        Assert.Equal(40m, min);
        Assert.Equal(500m - 88.42m, max);
    }

    [Fact]
    public void Split_ChoiceBelowTheLimit_IsRefusedWithTheRange()
    {
        var e = Assert.Throws<BillingValidationException>(() => RechargeSplitRule.Split(StallCase() with { TenantWaterAmount = 450m }));

        Assert.Contains("between 0 and 411.58", string.Join(" ", e.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Split_ChoiceWithinTheLimit_IsTaken()
    {
        var split = RechargeSplitRule.Split(StallCase() with { TenantWaterAmount = 411.58m });

        Assert.Equal(88.42m, split.Electricity);
        Assert.Equal(RechargeSplitBasis.TenantChoice, split.Basis);
    }

    [Fact]
    public void Split_RandomInputs_PartsAreWholeFenAndSumToThePayment()
    {
        var random = new Random(20261205);
        for (var i = 0; i < 5000; i++)
        {
            var input = new RechargeSplitInput
            {
                Amount = random.Next(1, 200_000) / 100m,
                ElectricityLast30DaysYuan = random.Next(0, 100_000) / 100m,
                WaterLast30DaysYuan = random.Next(0, 100_000) / 100m,
                ElectricityRemaining = random.Next(2) == 0 ? null : random.Next(-10_000, 50_000) / 100m,
                WaterRemaining = random.Next(2) == 0 ? null : random.Next(-10_000, 50_000) / 100m,
                AlarmAmount1 = random.Next(0, 30_000) / 100m,
            };
            var split = RechargeSplitRule.Split(input);
            Assert.Equal(input.Amount, split.Electricity + split.Water);
            Assert.True(split.Electricity >= 0 && split.Water >= 0, $"negative part for {input}");
            Assert.Equal(decimal.Round(split.Water, 2), split.Water);
            var lacksE = input.ElectricityRemaining is { } re && re < input.AlarmAmount1 ? input.AlarmAmount1!.Value - re : 0m;
            var lacksW = input.WaterRemaining is { } rw && rw < input.AlarmAmount1 ? input.AlarmAmount1!.Value - rw : 0m;
            if (input.Amount >= decimal.Ceiling(lacksE * 100) / 100 + decimal.Ceiling(lacksW * 100) / 100)
            {
                Assert.True(split.Electricity >= lacksE && split.Water >= lacksW, $"a meter left below alarm 1 for {input}: {split}");
            }
        }
    }
}
