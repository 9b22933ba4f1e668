using Prepaid.Domain.Tariffs;

namespace Prepaid.Acquisition.Drivers;

/// <summary>The four price registers of a meter, in yuan per kWh (or m3), at most 4 decimals.</summary>
/// <param name="Sharp">Price 1.</param>
/// <param name="Peak">Price 2.</param>
/// <param name="Flat">Price 3.</param>
/// <param name="Valley">Price 4.</param>
public sealed record MeterPrices(decimal Sharp, decimal Peak, decimal Flat, decimal Valley)
{
    /// <summary>The price of <paramref name="rate"/>; deep valley uses the valley register, as 4-rate meters do.</summary>
    public decimal Of(TouRate rate) => rate switch
    {
        TouRate.Sharp => Sharp,
        TouRate.Peak => Peak,
        TouRate.Flat => Flat,
        _ => Valley,
    };

    /// <summary>Prices in register order (sharp, peak, flat, valley).</summary>
    public IReadOnlyList<decimal> InOrder() => [Sharp, Peak, Flat, Valley];

    /// <summary>
    /// The register prices for a plan: TOU rates from the plan (a rate it does not price takes the flat
    /// price, or the first price), a flat plan on all four, a tiered plan at its first block's price.
    /// </summary>
    public static MeterPrices FromPlan(TariffPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Tou is { } tou)
        {
            var fallback = tou.PriceOf(TouRate.Flat) ?? tou.Rates[0].Price;
            var adder = plan.Tiers?.Blocks[0].Adder ?? 0m;
            decimal Price(TouRate rate) => (tou.PriceOf(rate) ?? fallback) + adder;
            return new MeterPrices(Price(TouRate.Sharp), Price(TouRate.Peak), Price(TouRate.Flat), Price(TouRate.Valley));
        }

        var single = plan.FlatPrice ?? plan.Tiers?.Blocks[0].Price ?? 0m;
        return new MeterPrices(single, single, single, single);
    }
}
