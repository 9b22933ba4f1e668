using Prepaid.App.Configuration.Tariffs;
using Prepaid.Domain.Tariffs;

namespace Prepaid.App.Tests.Configuration.Tariffs;

/// <summary>The preview's figures against hand-computed ones.</summary>
public sealed class TariffPreviewTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Fact]
    public void Price_Flat10Kw_Is240KwhAt085()
    {
        var result = TariffPreview.Price(TariffPlanExamples.FlatElectricity2026(), Shanghai, new DateOnly(2026, 11, 20), TariffPreview.Constant(10m));

        var line = Assert.Single(result.Lines);
        Assert.Equal((null, null, 0.85m, 240m, 204m), (line.Rate, line.TierIndex, line.UnitPrice, line.Quantity, line.Amount));
        Assert.Equal(204.0000m, result.Total);
    }

    [Fact]
    public void Price_Tou10KwOnANormalDay_EightHoursEachOfValleyFlatPeak()
    {
        var result = TariffPreview.Price(TariffPlanExamples.CommercialTou2026(), Shanghai, new DateOnly(2026, 11, 20), TariffPreview.Constant(10m));

        // Valley 00-07 and 23-24, flat 07-08 and 11-18, peak 08-11 and 18-23: 8 h (80 kWh) each.
        Assert.Equal(
            [(TouRate.Peak, 80m, 92.00m), (TouRate.Flat, 80m, 60.00m), (TouRate.Valley, 80m, 28.00m)],
            result.Lines.Select(l => (l.Rate!.Value, l.Quantity, l.Amount)));
        Assert.Equal(180.00m, result.Total);
    }

    [Fact]
    public void Price_Tou10KwOnASummerDay_SharpFrom19To21()
    {
        var result = TariffPreview.Price(TariffPlanExamples.CommercialTou2026(), Shanghai, new DateOnly(2026, 7, 15), TariffPreview.Constant(10m));

        // Sharp 19-21 (20 kWh x 1.38), peak 08-11, 18-19, 21-23 (60 x 1.15), flat 80 x 0.75, valley 80 x 0.35.
        Assert.Equal(
            [(TouRate.Sharp, 20m, 27.60m), (TouRate.Peak, 60m, 69.00m), (TouRate.Flat, 80m, 60.00m), (TouRate.Valley, 80m, 28.00m)],
            result.Lines.Select(l => (l.Rate!.Value, l.Quantity, l.Amount)));
        Assert.Equal(184.60m, result.Total);
    }

    [Fact]
    public void Price_WaterTiersWith20AlreadyUsed_CrossesBothThresholds()
    {
        // 2 m3 an hour = 48 m3 on top of 20: 10 at 4.20, 30 at 5.60, 8 at 7.80.
        var result = TariffPreview.Price(TariffPlanExamples.WaterTiered2026(), Shanghai, new DateOnly(2026, 11, 20), TariffPreview.Constant(2m), usedBefore: 20m);

        Assert.Equal([(0, 10m, 42.00m), (1, 30m, 168.00m), (2, 8m, 62.40m)], result.Lines.Select(l => (l.TierIndex!.Value, l.Quantity, l.Amount)));
        Assert.Equal(272.40m, result.Total);
    }

    [Fact]
    public void Price_HourlyProfile_PricesEachHourAtItsRate()
    {
        var hourly = new decimal[24];
        hourly[3] = 5m;    // valley
        hourly[9] = 2.5m;  // peak
        hourly[12] = 1m;   // flat

        var result = TariffPreview.Price(TariffPlanExamples.CommercialTou2026(), Shanghai, new DateOnly(2026, 11, 20), hourly);

        Assert.Equal([(TouRate.Peak, 2.875m), (TouRate.Flat, 0.75m), (TouRate.Valley, 1.75m)], result.Lines.Select(l => (l.Rate!.Value, l.Amount)));
        Assert.Equal(5.375m, result.Total);
    }

    [Fact]
    public void Price_WrongNumberOfHours_Refused()
    {
        Assert.Throws<ArgumentException>(() => TariffPreview.Price(TariffPlanExamples.FlatElectricity2026(), Shanghai, new DateOnly(2026, 11, 20), new decimal[23]));
    }
}
