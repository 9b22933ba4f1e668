namespace Prepaid.Domain.Tariffs;

/// <summary>How a plan version prices a unit; decides which parts of <see cref="TariffPlan"/> must be present.</summary>
public enum PricingKind
{
    /// <summary>One price for every unit: <see cref="TariffPlan.FlatPrice"/>.</summary>
    Flat,

    /// <summary>Time of use: <see cref="TariffPlan.Tou"/>.</summary>
    Tou,

    /// <summary>Tiered blocks with a price each: <see cref="TariffPlan.Tiers"/> with <see cref="TierBlock.Price"/>.</summary>
    Tiered,

    /// <summary>Time of use plus a tier adder: <see cref="TariffPlan.Tou"/> and <see cref="TariffPlan.Tiers"/> with <see cref="TierBlock.Adder"/>.</summary>
    TouTiered,
}
