using Prepaid.Domain.Model;

namespace Prepaid.App.Persistence.Entities;

/// <summary>
/// What one payment (a Recharge entry) paid of one owed charge under the payment waterfall: the link that lets a
/// receipt, the ledger view and a report say which fee each fen settled. The payment entry already moved the
/// balance, so a settlement moves no money; it is written once with the payment's delivery plan and never edited.
/// </summary>
public sealed class PaymentSettlement
{
    public long Id { get; set; }
    /// <summary>Unique: "settle:{payment key}:{charge key or 'debt'}".</summary>
    public required string IdempotencyKey { get; set; }
    public int AccountId { get; set; }
    /// <summary>The payment's ledger entry.</summary>
    public long PaymentEntryId { get; set; }
    /// <summary>The charge's idempotency key; null for a debt no charge explains.</summary>
    public string? ChargeKey { get; set; }
    /// <summary>The charge's kind; null with <see cref="ChargeKey"/>.</summary>
    public LedgerEntryKind? ChargeKind { get; set; }
    /// <summary>Yuan of the payment that went to the charge, positive.</summary>
    public decimal Amount { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The settlement's idempotency key.</summary>
    public static string KeyFor(string paymentKey, string? chargeKey) => $"settle:{paymentKey}:{chargeKey ?? "debt"}";
}
