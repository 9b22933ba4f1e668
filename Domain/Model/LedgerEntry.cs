namespace Prepaid.Domain.Model;

/// <summary>Kinds of account movement. Credits are positive amounts, debits negative.</summary>
public enum LedgerEntryKind
{
    /// <summary>Balance carried over from the previous system when the account was commissioned.</summary>
    OpeningBalance = 0,
    /// <summary>Money paid in by the tenant.</summary>
    Recharge = 1,
    /// <summary>Electricity consumption priced by the tariff.</summary>
    EnergyCharge = 2,
    /// <summary>Water consumption priced by the tariff.</summary>
    WaterCharge = 3,
    /// <summary>Monthly property management fee.</summary>
    PropertyFee = 4,
    /// <summary>The tenant's part of the public-area consumption (公摊).</summary>
    PublicAreaShare = 5,
    /// <summary>Money paid back to the tenant.</summary>
    Refund = 6,
    /// <summary>The exact opposite of an earlier entry; corrections are never edits.</summary>
    Reversal = 7,
    /// <summary>A manual correction with a stated reason.</summary>
    Adjustment = 8,
    /// <summary>
    /// Money moved from the account into one of its meters that bill themselves (meter billing, 内控): the meter
    /// now holds it, so the ledger no longer does. Posted with the delivery part it pays for; its reversal gives
    /// the money back when the part is cancelled before the meter took it.
    /// </summary>
    MeterPurchase = 9,
}

/// <summary>How money arrived or left.</summary>
public enum PaymentMethod
{
    /// <summary>Cash at the cashier's desk.</summary>
    Cash = 0,
    /// <summary>Bank card at the cashier's desk.</summary>
    BankCard = 1,
    /// <summary>Bank transfer.</summary>
    Transfer = 2,
    /// <summary>WeChat Pay.</summary>
    WeChat = 3,
    /// <summary>Alipay.</summary>
    Alipay = 4,
}

/// <summary>
/// One append-only movement on an account. The balance is the sum of an account's entries; an entry is
/// never updated or deleted, and its idempotency key makes a retried write a no-op.
/// </summary>
public sealed class LedgerEntry
{
    /// <summary>Primary key, increasing with insertion.</summary>
    public long Id { get; set; }
    /// <summary>The account moved.</summary>
    public int AccountId { get; set; }
    /// <summary>What the movement is.</summary>
    public LedgerEntryKind Kind { get; set; }
    /// <summary>Signed amount in yuan, at most 4 decimals: positive credits, negative debits.</summary>
    public decimal Amount { get; set; }
    /// <summary>For recharges and refunds, how the money moved.</summary>
    public PaymentMethod? PaymentMethod { get; set; }
    /// <summary>Unique key chosen by the writer so that a retry cannot double the entry.</summary>
    public required string IdempotencyKey { get; set; }
    /// <summary>When the movement took effect.</summary>
    public DateTimeOffset OccurredAt { get; set; }
    /// <summary>The operator's user name or the job's name.</summary>
    public required string RecordedBy { get; set; }
    /// <summary>Kind of the cause, for example "interval", "order", "job-run", "entry".</summary>
    public string? CauseType { get; set; }
    /// <summary>Identifier of the cause within its kind.</summary>
    public string? CauseId { get; set; }
    /// <summary>Free text shown on statements.</summary>
    public string? Note { get; set; }
}
