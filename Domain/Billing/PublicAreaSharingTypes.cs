namespace Prepaid.Domain.Billing;

/// <summary>How a public-area pool is shared among tenants.</summary>
public enum SharingKey
{
    /// <summary>A fixed ratio per shop; the ratios must sum to exactly 1.</summary>
    FixedRatio = 0,
    /// <summary>In proportion to the leased area in m2.</summary>
    LeasedArea = 1,
    /// <summary>In proportion to each shop's own consumption of the period (kWh, m3 or yuan).</summary>
    Consumption = 2,
    /// <summary>Every shop pays the same; key values are ignored.</summary>
    EqualSplit = 3,
    /// <summary>Every shop pays its own fixed fee in yuan, whatever the pool; the difference to the pool is
    /// reported as <see cref="SharingResult.Unallocated"/> and carried by the landlord.</summary>
    FixedFee = 4,
}

/// <summary>A tenant taking part in a sharing, with its key value (ratio, area, consumption or fee).</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="KeyValue">Ratio, area m2, consumption, or fee in yuan; ignored for an equal split.
/// At least zero, at most 1,000,000,000 and at most 6 decimals (fees: 2 decimals).</param>
public sealed record SharingParticipant(int TenantId, decimal KeyValue);

/// <summary>One tenant's part with the basis shown on its statement.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="KeyValue">The key value used (1 for an equal split).</param>
/// <param name="Share">Key value divided by the sum of key values, rounded to 8 decimals for display.</param>
/// <param name="ExactAmount">Net pool times the exact share before rounding to the fen, rounded to 8
/// decimals for display (a fixed fee is its own exact amount).</param>
/// <param name="Amount">The charged amount in yuan, whole fen, never negative.</param>
public sealed record SharingPart(int TenantId, decimal KeyValue, decimal Share, decimal ExactAmount, decimal Amount);

/// <summary>The outcome of a sharing run.</summary>
/// <param name="Key">The key used.</param>
/// <param name="Pool">The public-area cost of the period in yuan.</param>
/// <param name="LossAllowance">The agreed loss allowance deducted from the pool.</param>
/// <param name="NetPool">Pool minus loss allowance: what is shared.</param>
/// <param name="Parts">One part per participant, in input order.</param>
/// <param name="Unallocated">Net pool minus the sum of the parts: zero except for fixed fees.</param>
public sealed record SharingResult(
    SharingKey Key,
    decimal Pool,
    decimal LossAllowance,
    decimal NetPool,
    IReadOnlyList<SharingPart> Parts,
    decimal Unallocated);
