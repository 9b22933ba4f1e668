namespace Prepaid.Domain.Tariffs;

/// <summary>
/// One priced piece of a delta: a span of time inside one site-local day, one plan version, one rate
/// and one tier block. <see cref="Amount"/> is <see cref="Quantity"/> x <see cref="UnitPrice"/> rounded to
/// 0.0001 yuan, half away from zero.
/// </summary>
public sealed record TariffLineItem
{
    /// <summary>Start of the piece, with the site's UTC offset.</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>End of the piece (exclusive), with the site's UTC offset.</summary>
    public required DateTimeOffset End { get; init; }

    /// <summary>The valid-from date of the plan version that priced it.</summary>
    public required DateOnly PlanValidFrom { get; init; }

    /// <summary>The TOU rate, or null when a plan without TOU priced an interval.</summary>
    public TouRate? Rate { get; init; }

    /// <summary>Index of the tier block, 0 for the first; null when the plan has no tiers.</summary>
    public int? TierIndex { get; init; }

    /// <summary>Units (kWh or m3), exact, not rounded.</summary>
    public required decimal Quantity { get; init; }

    /// <summary>Yuan per unit (TOU price plus tier adder where combined).</summary>
    public required decimal UnitPrice { get; init; }

    /// <summary>Yuan, rounded to 0.0001 half away from zero.</summary>
    public required decimal Amount { get; init; }
}
