namespace Prepaid.Domain.Tariffs;

/// <summary>The unit price of a rate and tier block under a plan version.</summary>
internal static class UnitPrices
{
    public static decimal Of(TariffPlan plan, TouRate? rate, int? tierIndex) => plan.Kind switch
    {
        PricingKind.Flat => plan.FlatPrice!.Value,
        PricingKind.Tou => RatePrice(plan, rate),
        PricingKind.Tiered => plan.Tiers!.Blocks[tierIndex!.Value].Price!.Value,
        PricingKind.TouTiered => RatePrice(plan, rate) + plan.Tiers!.Blocks[tierIndex!.Value].Adder!.Value,
        _ => throw new InvalidOperationException($"Unknown plan kind {plan.Kind}."),
    };

    private static decimal RatePrice(TariffPlan plan, TouRate? rate) =>
        rate is { } r && plan.Tou!.PriceOf(r) is { } price
            ? price
            : throw new InvalidOperationException(
                $"Plan '{plan.Name}' (valid from {plan.ValidFrom:yyyy-MM-dd}) has no price for rate {rate}; a {rate} register delta cannot be priced with it.");
}
