using Prepaid.Domain.Model;

namespace Prepaid.App.Kernel.Ledger;

/// <summary>An entry to post. <see cref="IdempotencyKey"/> is chosen by the writer from the cause (an order
/// number, an interval, a job run and tenant) so that a retry after any failure posts nothing new.</summary>
public sealed record LedgerPosting(
    int AccountId,
    LedgerEntryKind Kind,
    decimal Amount,
    string IdempotencyKey,
    string RecordedBy,
    PaymentMethod? PaymentMethod = null,
    string? CauseType = null,
    string? CauseId = null,
    string? Note = null,
    DateTimeOffset? OccurredAt = null);

/// <summary>The outcome of a post: the stored entry (the original one when the key was already used with the
/// same content), whether this call appended it, and the account's balance right after.</summary>
public sealed record LedgerPostResult(LedgerEntry Entry, bool Appended, decimal BalanceAfter);

/// <summary>An account's balance changed; published after the transaction committed.</summary>
public sealed record LedgerChange(int AccountId, long EntryId, LedgerEntryKind Kind, decimal Amount, decimal BalanceAfter);
