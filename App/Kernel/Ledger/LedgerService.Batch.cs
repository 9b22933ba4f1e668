using Microsoft.EntityFrameworkCore;
using Prepaid.App.Persistence;
using Prepaid.Domain.Billing;
using Prepaid.Domain.Model;

namespace Prepaid.App.Kernel.Ledger;

/// <summary>The outcome of a batch: one result per posting (in order) and the account's balance after the batch.</summary>
public sealed record LedgerBatchResult(IReadOnlyList<LedgerPostResult> Results, decimal BalanceAfter)
{
    /// <summary>How many entries this call appended (the others were identical retries).</summary>
    public int Appended => Results.Count(r => r.Appended);
}

public sealed partial class LedgerService
{
    /// <summary>
    /// Posts many entries of one account in one transaction under the account's gate, with the rules of
    /// <see cref="PostAsync"/> applied to each entry in order against the balance the entries before it leave: an entry
    /// whose key was already used with the same content is an identical retry (not appended again), one whose key was
    /// used for a different entry (or twice in the batch with different content) refuses the whole batch. Either every
    /// new entry is written or none is. <paramref name="alongside"/> runs after every check, also when nothing is new,
    /// and may add or change rows of the same context; they are saved in the same transaction (a billing cursor
    /// together with the charges it covers). Changes are published after the commit.
    /// </summary>
    /// <exception cref="LedgerRuleException">A ledger rule refused an entry; nothing was written.</exception>
    /// <exception cref="ArgumentException">A posting names another account.</exception>
    public async Task<LedgerBatchResult> PostBatchAsync(int accountId, IReadOnlyList<LedgerPosting> postings, CancellationToken cancellationToken,
        Func<PrepaidDb, CancellationToken, Task>? alongside = null)
    {
        ArgumentNullException.ThrowIfNull(postings);
        var candidates = new List<LedgerEntry>(postings.Count);
        var byKey = new Dictionary<string, LedgerEntry>(StringComparer.Ordinal);
        foreach (var posting in postings)
        {
            if (posting.AccountId != accountId)
            {
                throw new ArgumentException($"A batch posts to one account ({accountId}); '{posting.IdempotencyKey}' names account {posting.AccountId}.", nameof(postings));
            }

            var candidate = ToEntry(posting);
            LedgerChecks.Validate(candidate);
            if (byKey.TryGetValue(candidate.IdempotencyKey, out var twin) && !LedgerChecks.SameContent(twin, candidate))
            {
                throw new LedgerRuleException(LedgerRule.IdempotencyKeyConflict,
                    $"The key '{candidate.IdempotencyKey}' is used twice in the batch for different entries.");
            }

            byKey.TryAdd(candidate.IdempotencyKey, candidate);
            candidates.Add(candidate);
        }

        using var _ = await locks.EnterAsync(accountId, cancellationToken);
        // A second process may write one of the keys between our read and our write; the unique index keeps it out,
        // and a second pass then sees it as a stored entry (a retry or a conflict, as for a single post).
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            try
            {
                return await PostBatchOnceAsync(db, accountId, candidates, alongside, cancellationToken);
            }
            catch (DbUpdateException) when (attempt == 1)
            {
                db.ChangeTracker.Clear();
                var keys = byKey.Keys.ToList();
                if (!await db.LedgerEntries.AnyAsync(e => keys.Contains(e.IdempotencyKey), cancellationToken))
                {
                    throw;
                }

                foreach (var candidate in candidates)
                {
                    candidate.Id = 0;
                }
            }
        }
    }

    private async Task<LedgerBatchResult> PostBatchOnceAsync(PrepaidDb db, int accountId, List<LedgerEntry> candidates,
        Func<PrepaidDb, CancellationToken, Task>? alongside, CancellationToken cancellationToken)
    {
        // As for a single post: the checks read and the insert are one serializable transaction.
        await using var transaction = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken);
        var keys = candidates.Select(c => c.IdempotencyKey).Distinct(StringComparer.Ordinal).ToList();
        var stored = new Dictionary<string, LedgerEntry>(StringComparer.Ordinal);
        foreach (var chunk in keys.Chunk(500))
        {
            foreach (var entry in await db.LedgerEntries.AsNoTracking().Where(e => chunk.Contains(e.IdempotencyKey)).ToListAsync(cancellationToken))
            {
                stored[entry.IdempotencyKey] = entry;
            }
        }

        foreach (var candidate in candidates)
        {
            if (stored.TryGetValue(candidate.IdempotencyKey, out var existing) && !LedgerChecks.SameContent(existing, candidate))
            {
                throw new LedgerRuleException(LedgerRule.IdempotencyKeyConflict,
                    $"The key '{candidate.IdempotencyKey}' was used for a different entry ({existing.Kind} {existing.Amount} on account {existing.AccountId}).");
            }
        }

        var account = await db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == accountId, cancellationToken)
            ?? throw new LedgerRuleException(LedgerRule.AccountNotOpen, $"No account with id {accountId}.");
        var fresh = candidates.Count(c => !stored.ContainsKey(c.IdempotencyKey));
        if (account.ClosedAt is not null && fresh > 0)
        {
            throw new LedgerRuleException(LedgerRule.AccountNotOpen, $"Account {account.Number} was closed on {account.ClosedAt:yyyy-MM-dd}; nothing can be posted to it.");
        }

        var balance = await BalanceAsync(db, accountId, cancellationToken);
        var running = balance;
        var pending = new List<LedgerEntry>();
        var results = new List<LedgerPostResult>(candidates.Count);
        foreach (var candidate in candidates)
        {
            if (stored.TryGetValue(candidate.IdempotencyKey, out var existing))
            {
                results.Add(new LedgerPostResult(existing, false, running));
                continue;
            }

            var twin = pending.FirstOrDefault(p => p.IdempotencyKey == candidate.IdempotencyKey);
            if (twin is not null)
            {
                results.Add(new LedgerPostResult(twin, false, running));
                continue;
            }

            await CheckAgainstHistory(db, candidate, running, pending, cancellationToken);
            running += candidate.Amount;
            pending.Add(candidate);
            results.Add(new LedgerPostResult(candidate, true, running));
        }

        db.LedgerEntries.AddRange(pending);
        if (alongside is not null)
        {
            await alongside(db, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var after = balance;
        foreach (var entry in pending)
        {
            after += entry.Amount;
            notifier.Publish(new LedgerChange(accountId, entry.Id, entry.Kind, entry.Amount, after));
        }

        return new LedgerBatchResult(results, running);
    }
}
