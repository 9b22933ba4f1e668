using Prepaid.Domain.Billing;

namespace Prepaid.App.Persistence.Entities;

/// <summary>
/// One rule's sharing of one month, at most one per rule and month: the pool with each meter's part, and each
/// tenant's basis and charge. Stored before anything is posted; <see cref="CompletedAt"/> is set once every part
/// is in the ledger, so a run interrupted by a stop is finished (never recomputed) by the next catch-up.
/// </summary>
public sealed class SharingRun
{
    public long Id { get; set; }
    public int RuleId { get; set; }
    /// <summary>First day of the month shared.</summary>
    public DateOnly Month { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public SharingKey Key { get; set; }
    /// <summary>Consumption of the pool meters in the month (kWh, or m3 for water meters).</summary>
    public decimal PoolQuantity { get; set; }
    /// <summary>Cost of the pool meters' consumption, rounded to the fen.</summary>
    public decimal Pool { get; set; }
    public decimal LossAllowance { get; set; }
    public decimal NetPool { get; set; }
    /// <summary>Sum of the tenants' parts.</summary>
    public decimal Allocated { get; set; }
    /// <summary>Net pool minus the parts: zero except for fixed fees (carried by the landlord).</summary>
    public decimal Unallocated { get; set; }
    /// <summary>Why nothing was shared (for example a consumption key with no consumption); null when shared.</summary>
    public string? Error { get; set; }
    public List<SharingRunPart> Parts { get; set; } = [];
    public List<SharingRunMeter> Meters { get; set; } = [];
}

/// <summary>One tenant's part of a run with its basis (sharing must be transparent and auditable).</summary>
public sealed class SharingRunPart
{
    public long Id { get; set; }
    public long RunId { get; set; }
    public int TenantId { get; set; }
    public int? AccountId { get; set; }
    /// <summary>Ratio, leased area m2, consumption kWh, 1 (equal split) or fee yuan.</summary>
    public decimal KeyValue { get; set; }
    /// <summary>Key value / sum of key values, 8 decimals.</summary>
    public decimal Share { get; set; }
    /// <summary>Net pool x share before rounding to the fen, 8 decimals.</summary>
    public decimal ExactAmount { get; set; }
    /// <summary>The charge in yuan, whole fen.</summary>
    public decimal Amount { get; set; }
    public required string IdempotencyKey { get; set; }
    /// <summary>When the part reached the ledger; null until then or when it cannot (see <see cref="Reason"/>).</summary>
    public DateTimeOffset? PostedAt { get; set; }
    public string? Reason { get; set; }
}

/// <summary>A pool meter's consumption and cost in a run.</summary>
public sealed class SharingRunMeter
{
    public long Id { get; set; }
    public long RunId { get; set; }
    public int MeterId { get; set; }
    public decimal Quantity { get; set; }
    /// <summary>Priced by the meter's tariff, 0.0001 yuan.</summary>
    public decimal Amount { get; set; }
}
