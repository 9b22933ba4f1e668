namespace Prepaid.Domain.Tariffs;

/// <summary>A line item before merging and rounding.</summary>
internal sealed record PricedPiece(
    long StartTicks,
    long EndTicks,
    DateOnly LocalDate,
    TariffPlan Plan,
    TouRate? Rate,
    int? TierIndex,
    decimal Quantity,
    decimal UnitPrice);
