using Microsoft.EntityFrameworkCore;
using Prepaid.App.Persistence;
using Prepaid.Domain.Billing;
using Prepaid.Domain.Model;

namespace Prepaid.App.Kernel.Ledger;

/// <summary>
/// The one writer of the ledger. Every rule of <see cref="InMemoryLedger"/> (the reference model) holds here
/// against the database: unique idempotency keys (an identical retry returns the original, different content
/// under the same key is refused), signs by kind, at most 4 decimals, payment method on recharges and refunds,
/// opening balance only first, refunds not above the balance, reversals exact and once. Nothing is written
/// when a rule fails.
/// </summary>
public sealed partial class LedgerService(
    IDbContextFactory<PrepaidDb> dbFactory,
    AccountLocks locks,
    LedgerNotifier notifier,
    TimeProvider time)
{
    /// <summary>Cause type of a reversal; its cause id is the reversed entry's idempotency key.</summary>
    public const string ReversalCauseType = InMemoryLedger.ReversalCauseType;

    /// <summary>The balance of an account: the sum of its entries.</summary>
    public async Task<decimal> BalanceAsync(int accountId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await BalanceAsync(db, accountId, cancellationToken);
    }

    /// <summary>Balances of many accounts (all when <paramref name="accountIds"/> is null); accounts without
    /// entries are absent.</summary>
    public async Task<Dictionary<int, decimal>> BalancesAsync(IReadOnlyCollection<int>? accountIds, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entries = db.LedgerEntries.AsQueryable();
        if (accountIds is not null)
        {
            entries = entries.Where(e => accountIds.Contains(e.AccountId));
        }

        return await entries.GroupBy(e => e.AccountId)
            .Select(g => new { g.Key, Balance = g.Sum(e => e.Amount) })
            .ToDictionaryAsync(x => x.Key, x => x.Balance, cancellationToken);
    }

    /// <summary>
    /// Posts an entry exactly once. <paramref name="precondition"/> runs under the account's gate with the
    /// balance before the entry and may throw to refuse it (the hoarding limit is checked this way).
    /// <paramref name="alongside"/> runs after every check, only when the entry is new, and may add rows to the
    /// same context: they are saved in the same transaction as the entry (a receipt and its recharge are both
    /// written or neither is).
    /// </summary>
    /// <exception cref="LedgerRuleException">A ledger rule refused the entry; nothing was written.</exception>
    public async Task<LedgerPostResult> PostAsync(LedgerPosting posting, CancellationToken cancellationToken, Action<decimal>? precondition = null,
        Func<PrepaidDb, LedgerEntry, CancellationToken, Task>? alongside = null)
    {
        var candidate = ToEntry(posting);
        LedgerChecks.Validate(candidate);
        using var _ = await locks.EnterAsync(posting.AccountId, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // The balance the rules and the precondition judge, what alongside reads (the next receipt number) and the
        // insert are one serializable transaction: the account gate orders posts in this process, the transaction
        // orders them against any other writer of the database.
        await using var transaction = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken);
        var existing = await db.LedgerEntries.AsNoTracking().SingleOrDefaultAsync(e => e.IdempotencyKey == candidate.IdempotencyKey, cancellationToken);
        if (existing is not null)
        {
            return await Replayed(db, existing, candidate, cancellationToken);
        }

        var account = await db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == candidate.AccountId, cancellationToken)
            ?? throw new LedgerRuleException(LedgerRule.AccountNotOpen, $"No account with id {candidate.AccountId}.");
        if (account.ClosedAt is not null)
        {
            throw new LedgerRuleException(LedgerRule.AccountNotOpen, $"Account {account.Number} was closed on {account.ClosedAt:yyyy-MM-dd}; nothing can be posted to it.");
        }

        var balance = await BalanceAsync(db, candidate.AccountId, cancellationToken);
        await CheckAgainstHistory(db, candidate, balance, [], cancellationToken);
        precondition?.Invoke(balance);

        db.LedgerEntries.Add(candidate);
        if (alongside is not null)
        {
            await alongside(db, candidate, cancellationToken);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another process may have posted the same key between our read and our write: the database's unique
            // index kept one; answer as a retry would. Any other failure is the caller's to see.
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            var winner = await db.LedgerEntries.AsNoTracking().SingleOrDefaultAsync(e => e.IdempotencyKey == candidate.IdempotencyKey, cancellationToken);
            if (winner is null)
            {
                throw;
            }

            return await Replayed(db, winner, candidate, cancellationToken);
        }

        var after = balance + candidate.Amount;
        notifier.Publish(new LedgerChange(candidate.AccountId, candidate.Id, candidate.Kind, candidate.Amount, after));
        return new LedgerPostResult(candidate, true, after);
    }

    /// <summary>Posts the exact opposite of the entry with key <paramref name="targetKey"/>, once.</summary>
    public async Task<LedgerPostResult> ReverseAsync(string targetKey, string recordedBy, string note, CancellationToken cancellationToken)
    {
        LedgerEntry target;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            target = await db.LedgerEntries.AsNoTracking().SingleOrDefaultAsync(e => e.IdempotencyKey == targetKey, cancellationToken)
                ?? throw new LedgerRuleException(LedgerRule.ReversalTargetMissing, $"No entry with key '{targetKey}' to reverse.");
        }

        return await PostAsync(new LedgerPosting(target.AccountId, LedgerEntryKind.Reversal, -target.Amount,
            ReversalKey(targetKey), recordedBy, target.PaymentMethod, ReversalCauseType, targetKey, note), cancellationToken);
    }

    /// <summary>The idempotency key of the reversal of <paramref name="targetKey"/>: one reversal per entry.</summary>
    public static string ReversalKey(string targetKey) => "reversal:" + targetKey;

    internal LedgerEntry ToEntry(LedgerPosting p) => new()
    {
        AccountId = p.AccountId,
        Kind = p.Kind,
        Amount = p.Amount,
        PaymentMethod = p.PaymentMethod,
        IdempotencyKey = p.IdempotencyKey?.Trim() ?? "",
        RecordedBy = p.RecordedBy?.Trim() ?? "",
        CauseType = p.CauseType,
        CauseId = p.CauseId,
        Note = p.Note,
        OccurredAt = p.OccurredAt ?? time.GetUtcNow(),
    };

    internal static Task<decimal> BalanceAsync(PrepaidDb db, int accountId, CancellationToken cancellationToken) =>
        db.LedgerEntries.Where(e => e.AccountId == accountId).SumAsync(e => e.Amount, cancellationToken);

    private static async Task<LedgerPostResult> Replayed(PrepaidDb db, LedgerEntry existing, LedgerEntry candidate, CancellationToken cancellationToken)
    {
        if (!LedgerChecks.SameContent(existing, candidate))
        {
            throw new LedgerRuleException(LedgerRule.IdempotencyKeyConflict,
                $"The key '{candidate.IdempotencyKey}' was used for a different entry ({existing.Kind} {existing.Amount} on account {existing.AccountId}).");
        }

        return new LedgerPostResult(existing, false, await BalanceAsync(db, existing.AccountId, cancellationToken));
    }

    /// <summary>The rules that depend on the account's entries: those stored and <paramref name="pending"/>, the entries
    /// of the same batch before this one (not yet saved).</summary>
    internal static async Task CheckAgainstHistory(PrepaidDb db, LedgerEntry candidate, decimal balance, IReadOnlyList<LedgerEntry> pending,
        CancellationToken cancellationToken)
    {
        switch (candidate.Kind)
        {
            case LedgerEntryKind.OpeningBalance when pending.Count > 0 || await db.LedgerEntries.AnyAsync(e => e.AccountId == candidate.AccountId, cancellationToken):
                throw new LedgerRuleException(LedgerRule.OpeningBalanceNotFirst, "An opening balance must be the account's first entry.");
            case LedgerEntryKind.Refund when -candidate.Amount > balance:
                throw new LedgerRuleException(LedgerRule.RefundExceedsBalance,
                    $"A refund of {-candidate.Amount} is more than the balance of {balance}; the overdraft is never refundable.");
            case LedgerEntryKind.Reversal:
                await CheckReversal(db, candidate, pending, cancellationToken);
                break;
        }
    }

    private static async Task CheckReversal(PrepaidDb db, LedgerEntry candidate, IReadOnlyList<LedgerEntry> pending, CancellationToken cancellationToken)
    {
        var key = candidate.CauseType == ReversalCauseType ? candidate.CauseId : null;
        var target = key is null
            ? null
            : pending.FirstOrDefault(e => e.IdempotencyKey == key)
                ?? await db.LedgerEntries.AsNoTracking().SingleOrDefaultAsync(e => e.IdempotencyKey == key, cancellationToken);
        if (target is null)
        {
            throw new LedgerRuleException(LedgerRule.ReversalTargetMissing, $"A reversal must name an existing entry's key as its cause ('{candidate.CauseId}').");
        }

        if (target.Kind != LedgerEntryKind.Reversal && (target.AccountId != candidate.AccountId || target.Amount != -candidate.Amount))
        {
            throw new LedgerRuleException(LedgerRule.ReversalMismatch,
                $"A reversal must be the exact opposite ({-target.Amount}) of entry '{target.IdempotencyKey}' on account {target.AccountId}.");
        }

        // The rule screens ask before they offer a reversal (ReversalRule), here with this batch's pending entries too.
        string[] keys = [target.IdempotencyKey];
        long[] ids = [target.Id];
        var reversed = pending.Any(e => e.Kind == LedgerEntryKind.Reversal && e.CauseType == ReversalCauseType && e.CauseId == target.IdempotencyKey)
            || await ReversalRule.ReversedAmong(db, keys).AnyAsync(cancellationToken);
        var sent = target.Id != 0 && await ReversalRule.SentToMeterAmong(db, ids).AnyAsync(cancellationToken);
        switch (ReversalRule.Refusal(target, reversed, sent))
        {
            case LedgerRule.ReversalOfReversal:
                throw new LedgerRuleException(LedgerRule.ReversalOfReversal, "A reversal cannot be reversed; post the original entry again instead.");
            case LedgerRule.AlreadyReversed:
                throw new LedgerRuleException(LedgerRule.AlreadyReversed, $"Entry '{target.IdempotencyKey}' was already reversed.");
            case LedgerRule.ReversalOfDeliveredRecharge:
                throw new LedgerRuleException(LedgerRule.ReversalOfDeliveredRecharge,
                    $"Recharge '{target.IdempotencyKey}' was already sent to the tenant's meter, which holds the balance; a meter cannot take the money back. Refund from the balance instead.");
        }
    }
}
