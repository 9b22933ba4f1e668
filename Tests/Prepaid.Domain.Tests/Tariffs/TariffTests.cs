using Prepaid.Domain.Tariffs;

namespace Prepaid.Domain.Tests.Tariffs;

public class TariffTests
{
    private static readonly TariffPlan Flat2025 =
        TariffPlanExamples.FlatElectricity2026() with { Name = "Flat 2025", ValidFrom = new DateOnly(2025, 1, 1) };

    [Theory]
    [InlineData("2025-01-01", "Flat 2025")]
    [InlineData("2025-12-31", "Flat 2025")]
    [InlineData("2026-01-01", "Commercial TOU 2026")]
    [InlineData("2030-06-15", "Commercial TOU 2026")]
    public void VersionOn_Date_PicksLatestVersionStartedByThen(string date, string expected)
    {
        var tariff = new Tariff(TariffPlanExamples.CommercialTou2026(), Flat2025);

        Assert.Equal(expected, tariff.VersionOn(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)).Name);
    }

    [Fact]
    public void VersionOn_BeforeFirstVersion_ThrowsNamingDates()
    {
        var tariff = new Tariff(TariffPlanExamples.CommercialTou2026());

        var e = Assert.Throws<InvalidOperationException>(() => tariff.VersionOn(new DateOnly(2025, 12, 31)));

        Assert.Equal("No price plan version is valid on 2025-12-31; the first starts on 2026-01-01.", e.Message);
    }

    [Fact]
    public void Constructor_VersionsOutOfOrder_SortsByValidFrom()
    {
        var tariff = new Tariff(TariffPlanExamples.CommercialTou2026(), Flat2025);

        Assert.Equal([new DateOnly(2025, 1, 1), new DateOnly(2026, 1, 1)], tariff.Versions.Select(v => v.ValidFrom));
        Assert.Equal(Commodity.Electricity, tariff.Commodity);
    }

    [Fact]
    public void Constructor_TwoVersionsSameDay_Throws()
    {
        var e = Assert.Throws<TariffValidationException>(
            () => new Tariff(TariffPlanExamples.CommercialTou2026(), TariffPlanExamples.FlatElectricity2026()));

        Assert.Equal(
            "Plan versions 'Commercial TOU 2026' and 'Flat electricity 2026' both start on 2026-01-01.",
            e.Message);
    }

    [Fact]
    public void Constructor_MixedCommodities_Throws()
    {
        var e = Assert.Throws<TariffValidationException>(
            () => new Tariff(Flat2025, TariffPlanExamples.WaterTiered2026()));

        Assert.Equal("Plan version 'Water tiered 2026' sells Water but 'Flat 2025' sells Electricity.", e.Message);
    }

    [Fact]
    public void Constructor_InvalidVersion_ThrowsWithItsErrors()
    {
        var e = Assert.Throws<TariffValidationException>(() => new Tariff(Flat2025 with { FlatPrice = null }));

        Assert.Equal(["A Flat plan needs a flat price."], e.Errors);
    }

    [Fact]
    public void Constructor_NoVersion_Throws()
    {
        Assert.Throws<TariffValidationException>(() => new Tariff());
    }
}
