namespace Prepaid.Domain.Model;

/// <summary>Where the delivery of one part of a recharge to one meter stands.</summary>
public enum RechargeDeliveryState
{
    /// <summary>Planned; its purchase command may exist and be in progress.</summary>
    Pending = 0,
    /// <summary>The meter's purchase count confirmed the purchase.</summary>
    Delivered = 1,
    /// <summary>The read-back found a count that is neither N nor N+1, or the meter refused: an operator decides.
    /// Later deliveries to the same meter wait.</summary>
    NeedsOperator = 2,
    /// <summary>The recharge was reversed before any purchase command for this part existed: nothing goes to the meter.</summary>
    Cancelled = 3,
}

/// <summary>
/// The part of a meter-billing recharge that goes to one meter (electricity and water split by
/// RechargeSplitRule). Unique per (ledger entry, meter): planned once, delivered once through its one purchase
/// command (the purchase-count protocol, Domain/Billing/README.md), however often delivery is retried.
/// </summary>
public sealed class RechargeDelivery
{
    /// <summary>Primary key.</summary>
    public long Id { get; set; }
    /// <summary>The Recharge ledger entry delivered.</summary>
    public long LedgerEntryId { get; set; }
    /// <summary>The entry's idempotency key (the delivery is keyed by it).</summary>
    public required string LedgerKey { get; set; }
    /// <summary>The account.</summary>
    public int AccountId { get; set; }
    /// <summary>The meter receiving this part.</summary>
    public int MeterId { get; set; }
    /// <summary>Yuan for this meter (whole fen).</summary>
    public decimal Amount { get; set; }
    /// <summary>Which branch of the split rule applied (RechargeSplitBasis name).</summary>
    public required string SplitBasis { get; set; }
    /// <summary>The one purchase command of this part, once created.</summary>
    public long? MeterCommandId { get; set; }
    /// <summary>Where it stands.</summary>
    public RechargeDeliveryState State { get; set; }
    /// <summary>When it was planned.</summary>
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>When it was delivered or handed to an operator.</summary>
    public DateTimeOffset? CompletedAt { get; set; }
    /// <summary>The last outcome in words.</summary>
    public string? Detail { get; set; }
}
