namespace Prepaid.Domain.Tariffs;

/// <summary>The price of one delta: its line items, their total, and the tier usage to carry forward.</summary>
public sealed record TariffCharge
{
    /// <summary>Line items in time order (register pricing: per piece, in rate order).</summary>
    public required IReadOnlyList<TariffLineItem> Items { get; init; }

    /// <summary>Sum of the rounded line item amounts, yuan.</summary>
    public required decimal Total { get; init; }

    /// <summary>Tier usage after this delta, to pass to the next pricing call.</summary>
    public required TierUsage UsageAfter { get; init; }

    /// <summary>Sum of the line item quantities; always equals the priced delta exactly.</summary>
    public decimal Quantity => Items.Sum(i => i.Quantity);
}
