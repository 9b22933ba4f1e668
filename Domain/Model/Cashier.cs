namespace Prepaid.Domain.Model;

/// <summary>
/// The receipt of a recharge taken at the desk. Written in the same transaction as its ledger entry, so a
/// receipt exists exactly when the recharge does; numbers run 1, 2, 3 ... per site-local day without gaps.
/// </summary>
public sealed class Receipt
{
    /// <summary>Primary key.</summary>
    public long Id { get; set; }
    /// <summary>Printed number, for example R20261124-0001.</summary>
    public required string Number { get; set; }
    /// <summary>The site-local day the number belongs to.</summary>
    public DateOnly Day { get; set; }
    /// <summary>Position within the day, from 1.</summary>
    public int Sequence { get; set; }
    /// <summary>The account credited.</summary>
    public int AccountId { get; set; }
    /// <summary>Amount paid in yuan (whole fen).</summary>
    public decimal Amount { get; set; }
    /// <summary>How the tenant paid.</summary>
    public PaymentMethod Method { get; set; }
    /// <summary>The recharge order's key, generated when the cashier opened the form.</summary>
    public required string OrderKey { get; set; }
    /// <summary>Idempotency key of the recharge's ledger entry.</summary>
    public required string LedgerEntryKey { get; set; }
    /// <summary>The cashier's user name.</summary>
    public required string IssuedBy { get; set; }
    /// <summary>When the money was taken.</summary>
    public DateTimeOffset IssuedAt { get; set; }
    /// <summary>The water amount the cashier named for the tenant (whole fen; electricity takes the rest of what goes to
    /// the meters), checked against the split rule's limits when the money was taken; null for the rule's split.</summary>
    public decimal? ChosenWaterAmount { get; set; }
}

/// <summary>Where a refund or reversal request stands.</summary>
public enum RefundRequestState
{
    /// <summary>Waiting for a Manager.</summary>
    Pending = 0,
    /// <summary>Approved; its ledger entry is posted.</summary>
    Approved = 1,
    /// <summary>Rejected with a note; nothing was posted.</summary>
    Rejected = 2,
}

/// <summary>
/// A cashier's request to pay money back (a refund) or to undo an earlier entry (a reversal). Nothing reaches the
/// ledger until a Manager other than the requester approves it.
/// </summary>
public sealed class RefundRequest
{
    /// <summary>Primary key.</summary>
    public int Id { get; set; }
    /// <summary>The account concerned.</summary>
    public int AccountId { get; set; }
    /// <summary><see cref="LedgerEntryKind.Refund"/> or <see cref="LedgerEntryKind.Reversal"/>.</summary>
    public LedgerEntryKind Kind { get; set; }
    /// <summary>For a refund the amount paid back (positive); for a reversal the reversed entry's amount.</summary>
    public decimal Amount { get; set; }
    /// <summary>How a refund is paid out; for a reversal, the reversed entry's method if any.</summary>
    public PaymentMethod? Method { get; set; }
    /// <summary>For a reversal, the idempotency key of the entry to undo.</summary>
    public string? TargetEntryKey { get; set; }
    /// <summary>Why, as written by the requester.</summary>
    public required string Reason { get; set; }
    /// <summary>The requester's user name.</summary>
    public required string RequestedBy { get; set; }
    /// <summary>When it was requested.</summary>
    public DateTimeOffset RequestedAt { get; set; }
    /// <summary>Where it stands.</summary>
    public RefundRequestState State { get; set; }
    /// <summary>The Manager who decided.</summary>
    public string? DecidedBy { get; set; }
    /// <summary>When it was decided.</summary>
    public DateTimeOffset? DecidedAt { get; set; }
    /// <summary>The decider's note (required for a rejection).</summary>
    public string? DecisionNote { get; set; }
    /// <summary>Idempotency key of the posted entry once approved.</summary>
    public string? LedgerEntryKey { get; set; }
    /// <summary>True when the refund settles an account being closed; its approval closes the account.</summary>
    public bool ClosesAccount { get; set; }
    /// <summary>The refund's voucher number (V + site day + sequence), given once with its ledger entry; null for a
    /// reversal and before approval.</summary>
    public string? VoucherNumber { get; set; }
}

/// <summary>A cashier's closed day: the totals seen at the close. After it the cashier takes no more money that day.</summary>
public sealed class CashierDayClose
{
    /// <summary>Primary key.</summary>
    public int Id { get; set; }
    /// <summary>The cashier's user name.</summary>
    public required string Cashier { get; set; }
    /// <summary>The site-local day closed.</summary>
    public DateOnly Day { get; set; }
    /// <summary>When it was closed.</summary>
    public DateTimeOffset ClosedAt { get; set; }
    /// <summary>Recharges in cash.</summary>
    public decimal CashTotal { get; set; }
    /// <summary>Recharges by bank card.</summary>
    public decimal BankCardTotal { get; set; }
    /// <summary>Recharges by transfer.</summary>
    public decimal TransferTotal { get; set; }
    /// <summary>Refunds (negative).</summary>
    public decimal RefundTotal { get; set; }
    /// <summary>Reversals (signed sum).</summary>
    public decimal ReversalTotal { get; set; }
    /// <summary>Number of movements.</summary>
    public int MovementCount { get; set; }
}
