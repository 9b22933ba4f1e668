using Prepaid.Domain.Model;
using Prepaid.Domain.Money;

namespace Prepaid.Domain.Billing;

/// <summary>Which ledger rule an append broke.</summary>
public enum LedgerRule
{
    /// <summary>The idempotency key or the recorder is empty.</summary>
    MissingField = 0,
    /// <summary>The key was used before with different content (account, kind, amount, payment method or cause).</summary>
    IdempotencyKeyConflict = 1,
    /// <summary>The sign does not match the kind (<see cref="LedgerMath.HasValidSign"/>).</summary>
    InvalidSign = 2,
    /// <summary>The amount has more than 4 decimals.</summary>
    TooPrecise = 3,
    /// <summary>A recharge or refund without a payment method.</summary>
    MissingPaymentMethod = 4,
    /// <summary>A refund larger than the balance.</summary>
    RefundExceedsBalance = 5,
    /// <summary>A reversal whose cause does not name an existing entry key.</summary>
    ReversalTargetMissing = 6,
    /// <summary>A reversal that is not the exact opposite of its target on the same account.</summary>
    ReversalMismatch = 7,
    /// <summary>The target was already reversed.</summary>
    AlreadyReversed = 8,
    /// <summary>The target is itself a reversal (post the original again instead).</summary>
    ReversalOfReversal = 9,
    /// <summary>An opening balance on an account that already has entries.</summary>
    OpeningBalanceNotFirst = 10,
    /// <summary>The recharge was already sent to a meter that holds the balance (meter billing): a meter cannot take a negative purchase.</summary>
    ReversalOfDeliveredRecharge = 11,
    /// <summary>The account does not exist or was closed: nothing can be posted to it.</summary>
    AccountNotOpen = 12,
}

/// <summary>An append broke a ledger rule; nothing was written.</summary>
public sealed class LedgerRuleException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LedgerRuleException(LedgerRule rule, string message)
        : base(message)
    {
        Rule = rule;
    }

    /// <summary>Creates the exception without a rule (<see cref="LedgerRule.MissingField"/>).</summary>
    public LedgerRuleException()
        : this(LedgerRule.MissingField, "A ledger rule was broken.")
    {
    }

    /// <summary>Creates the exception without a rule (<see cref="LedgerRule.MissingField"/>).</summary>
    public LedgerRuleException(string message)
        : this(LedgerRule.MissingField, message)
    {
    }

    /// <summary>Creates the exception without a rule (<see cref="LedgerRule.MissingField"/>).</summary>
    public LedgerRuleException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The broken rule.</summary>
    public LedgerRule Rule { get; }
}

/// <summary>The result of an append.</summary>
/// <param name="Entry">The stored entry: the new one, or the original when the key was already there.</param>
/// <param name="Appended">False when the call was a retry of an identical entry (a no-op).</param>
public sealed record LedgerAppendResult(LedgerEntry Entry, bool Appended);

/// <summary>
/// An in-memory append-only ledger that enforces the ledger rules; the reference model the database
/// ledger is checked against. Thread-safe: concurrent appends are serialised, so none is lost or doubled.
/// </summary>
/// <remarks>
/// <para>Idempotency. Keys are unique across all accounts. A retried key whose content (account, kind, amount,
/// payment method, cause type and cause id) equals the stored entry's returns the original and writes
/// nothing; the recorder, time and note of a retry may differ. A key reused with different content is an
/// error (<see cref="LedgerRule.IdempotencyKeyConflict"/>).</para>
/// <para>Signs: <see cref="LedgerMath.HasValidSign"/> (credits positive, debits negative, adjustments and
/// reversals non-zero); at most 4 decimals; recharges and refunds name a payment method; an opening balance
/// only as an account's first entry.</para>
/// <para>Reversal: kind <see cref="LedgerEntryKind.Reversal"/>, cause type <c>entry</c>, cause id = the
/// target's idempotency key, same account, amount exactly the opposite of the target's; each entry is
/// reversed at most once and a reversal is never reversed. A reversal may take the balance below zero
/// (a correction must always be possible; the relay policy then handles the arrears).</para>
/// <para>Refund: never more than the balance before it, whatever the overdraft allowance: the overdraft is
/// credit for consumption, not cash to pay out, so a refund cannot make or deepen a negative balance.</para>
/// <para>Balance = the exact sum of the account's entries; nothing else is stored.</para>
/// </remarks>
public sealed class InMemoryLedger
{
    /// <summary>The cause type a reversal uses to name its target.</summary>
    public const string ReversalCauseType = "entry";

    private readonly Lock _gate = new();
    private readonly List<LedgerEntry> _entries = [];
    private readonly Dictionary<string, LedgerEntry> _byKey = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reversed = new(StringComparer.Ordinal);

    /// <summary>Number of stored entries.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Appends <paramref name="candidate"/> (its Id is ignored and assigned) or, for an identical retry, returns the original.</summary>
    /// <exception cref="LedgerRuleException">A rule is broken; nothing was written.</exception>
    public LedgerAppendResult Append(LedgerEntry candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        if (string.IsNullOrWhiteSpace(candidate.IdempotencyKey) || string.IsNullOrWhiteSpace(candidate.RecordedBy))
        {
            throw new LedgerRuleException(LedgerRule.MissingField, "An entry needs an idempotency key and who recorded it.");
        }

        lock (_gate)
        {
            if (_byKey.TryGetValue(candidate.IdempotencyKey, out var existing))
            {
                if (!SameContent(existing, candidate))
                {
                    throw new LedgerRuleException(
                        LedgerRule.IdempotencyKeyConflict,
                        $"The idempotency key '{candidate.IdempotencyKey}' was used before for a different entry.");
                }

                return new LedgerAppendResult(Copy(existing), false);
            }

            Check(candidate);
            var stored = Copy(candidate);
            stored.Id = _entries.Count + 1;
            _entries.Add(stored);
            _byKey.Add(stored.IdempotencyKey, stored);
            if (stored.Kind == LedgerEntryKind.Reversal)
            {
                _reversed.Add(stored.CauseId!);
            }

            return new LedgerAppendResult(Copy(stored), true);
        }
    }

    /// <summary>Appends the reversal of the entry with key <paramref name="targetKey"/>: its exact opposite.</summary>
    /// <exception cref="LedgerRuleException">No such entry, already reversed, a reversal itself, or a key conflict.</exception>
    public LedgerAppendResult Reverse(
        string targetKey, string idempotencyKey, string recordedBy, DateTimeOffset occurredAt, string? note = null)
    {
        LedgerEntry target;
        lock (_gate)
        {
            if (!_byKey.TryGetValue(targetKey, out var found))
            {
                throw new LedgerRuleException(LedgerRule.ReversalTargetMissing, $"There is no entry '{targetKey}' to reverse.");
            }

            target = found;
        }

        return Append(new LedgerEntry
        {
            AccountId = target.AccountId,
            Kind = LedgerEntryKind.Reversal,
            Amount = -target.Amount,
            PaymentMethod = target.PaymentMethod,
            IdempotencyKey = idempotencyKey,
            OccurredAt = occurredAt,
            RecordedBy = recordedBy,
            CauseType = ReversalCauseType,
            CauseId = targetKey,
            Note = note,
        });
    }

    /// <summary>The balance of an account: the exact sum of its entries.</summary>
    public decimal Balance(int accountId)
    {
        lock (_gate)
        {
            return BalanceLocked(accountId);
        }
    }

    /// <summary>Copies of an account's entries in insertion order.</summary>
    public IReadOnlyList<LedgerEntry> Entries(int accountId)
    {
        lock (_gate)
        {
            return _entries.Where(e => e.AccountId == accountId).Select(Copy).ToList();
        }
    }

    /// <summary>Copies of all entries in insertion order.</summary>
    public IReadOnlyList<LedgerEntry> AllEntries()
    {
        lock (_gate)
        {
            return _entries.Select(Copy).ToList();
        }
    }

    /// <summary>A copy of the entry with the key, or null.</summary>
    public LedgerEntry? Find(string idempotencyKey)
    {
        lock (_gate)
        {
            return _byKey.TryGetValue(idempotencyKey, out var e) ? Copy(e) : null;
        }
    }

    /// <summary>Whether the entry with the key has been reversed.</summary>
    public bool IsReversed(string idempotencyKey)
    {
        lock (_gate)
        {
            return _reversed.Contains(idempotencyKey);
        }
    }

    private decimal BalanceLocked(int accountId) => LedgerMath.Balance(_entries.Where(e => e.AccountId == accountId));

    private void Check(LedgerEntry e)
    {
        if (!ScaledDecimal.IsRepresentable(e.Amount))
        {
            throw new LedgerRuleException(LedgerRule.TooPrecise, $"The amount {e.Amount} has more than 4 decimals.");
        }

        if (!LedgerMath.HasValidSign(e.Kind, e.Amount))
        {
            throw new LedgerRuleException(LedgerRule.InvalidSign, $"The amount {e.Amount} has the wrong sign for {e.Kind}.");
        }

        switch (e.Kind)
        {
            case LedgerEntryKind.Recharge or LedgerEntryKind.Refund when e.PaymentMethod is null:
                throw new LedgerRuleException(LedgerRule.MissingPaymentMethod, $"A {e.Kind} needs a payment method.");

            case LedgerEntryKind.Refund when -e.Amount > BalanceLocked(e.AccountId):
                throw new LedgerRuleException(
                    LedgerRule.RefundExceedsBalance,
                    $"A refund of {-e.Amount} exceeds the balance {BalanceLocked(e.AccountId)} of account {e.AccountId}.");

            case LedgerEntryKind.OpeningBalance when _entries.Any(x => x.AccountId == e.AccountId):
                throw new LedgerRuleException(
                    LedgerRule.OpeningBalanceNotFirst, $"Account {e.AccountId} already has entries; an opening balance comes first.");

            case LedgerEntryKind.Reversal:
                CheckReversal(e);
                break;
        }
    }

    private void CheckReversal(LedgerEntry e)
    {
        if (e.CauseType != ReversalCauseType || e.CauseId is null || !_byKey.TryGetValue(e.CauseId, out var target))
        {
            throw new LedgerRuleException(
                LedgerRule.ReversalTargetMissing, $"A reversal must name an existing entry (cause type '{ReversalCauseType}').");
        }

        if (target.Kind == LedgerEntryKind.Reversal)
        {
            throw new LedgerRuleException(LedgerRule.ReversalOfReversal, $"Entry '{target.IdempotencyKey}' is a reversal and cannot be reversed.");
        }

        if (_reversed.Contains(target.IdempotencyKey))
        {
            throw new LedgerRuleException(LedgerRule.AlreadyReversed, $"Entry '{target.IdempotencyKey}' was already reversed.");
        }

        if (target.AccountId != e.AccountId || target.Amount != -e.Amount)
        {
            throw new LedgerRuleException(
                LedgerRule.ReversalMismatch,
                $"A reversal of '{target.IdempotencyKey}' must be {-target.Amount} on account {target.AccountId}.");
        }
    }

    private static bool SameContent(LedgerEntry a, LedgerEntry b) =>
        a.AccountId == b.AccountId
        && a.Kind == b.Kind
        && a.Amount == b.Amount
        && a.PaymentMethod == b.PaymentMethod
        && a.CauseType == b.CauseType
        && a.CauseId == b.CauseId;

    private static LedgerEntry Copy(LedgerEntry e) => new()
    {
        Id = e.Id,
        AccountId = e.AccountId,
        Kind = e.Kind,
        Amount = e.Amount,
        PaymentMethod = e.PaymentMethod,
        IdempotencyKey = e.IdempotencyKey,
        OccurredAt = e.OccurredAt,
        RecordedBy = e.RecordedBy,
        CauseType = e.CauseType,
        CauseId = e.CauseId,
        Note = e.Note,
    };
}
