using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Prepaid.App.Kernel.Ledger;
using Prepaid.Domain.Billing;
using Prepaid.Domain.Model;

namespace Prepaid.App.Tests.Kernel.Ledger;

/// <summary>
/// Randomized runs of four writers at once (two cashiers, a payment callback, the billing run) posting
/// recharges, charges, refunds and reversals, half of them retried under the same key, some retries racing the
/// original. Afterwards: no key twice, every key appended by exactly one call, the balance equals the sum of the
/// entries, no refund ever exceeded the balance before it, no entry reversed twice.
/// </summary>
public sealed class LedgerConcurrencyTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task PostAsync_RandomConcurrentWritersWithRetries_InvariantsHold(int seed)
    {
        await using var bed = await LedgerTestBed.CreateAsync(accounts: 3);
        var appendedBy = new ConcurrentDictionary<string, int>();
        var posted = new ConcurrentBag<string>();

        async Task Writer(int writer)
        {
            var random = new Random(seed * 100 + writer);
            for (var i = 0; i < 60; i++)
            {
                var posting = NextPosting(random, bed.AccountIds, writer, i, posted);
                var attempts = random.Next(3) == 0 ? 2 : 1;
                var calls = Enumerable.Range(0, attempts).Select(_ => Try(posting));
                foreach (var result in await Task.WhenAll(calls))
                {
                    if (result is { Appended: true })
                    {
                        appendedBy.AddOrUpdate(posting.IdempotencyKey, 1, (_, n) => n + 1);
                    }
                }

                posted.Add(posting.IdempotencyKey);
            }
        }

        async Task<LedgerPostResult?> Try(LedgerPosting posting)
        {
            try
            {
                return posting.Kind == LedgerEntryKind.Reversal
                    ? await bed.Ledger.ReverseAsync(posting.CauseId!, posting.RecordedBy, "test", default)
                    : await bed.Ledger.PostAsync(posting, default);
            }
            catch (LedgerRuleException)
            {
                return null;
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 4).Select(Writer));

        await using var db = bed.Database.CreateDbContext();
        var entries = await db.LedgerEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(entries.Count, entries.Select(e => e.IdempotencyKey).Distinct().Count());
        Assert.All(appendedBy, pair => Assert.Equal(1, pair.Value));
        Assert.Equal(appendedBy.Count, entries.Count);
        foreach (var account in bed.AccountIds)
        {
            var own = entries.Where(e => e.AccountId == account).ToList();
            Assert.Equal(own.Sum(e => e.Amount), await bed.Ledger.BalanceAsync(account, default));
            var running = 0m;
            foreach (var entry in own)
            {
                if (entry.Kind == LedgerEntryKind.Refund)
                {
                    Assert.True(-entry.Amount <= running, $"Refund {entry.IdempotencyKey} of {-entry.Amount} exceeded the balance {running}.");
                }

                running += entry.Amount;
            }
        }

        var reversed = entries.Where(e => e.Kind == LedgerEntryKind.Reversal).Select(e => e.CauseId).ToList();
        Assert.Equal(reversed.Count, reversed.Distinct().Count());
    }

    private static LedgerPosting NextPosting(Random random, IReadOnlyList<int> accounts, int writer, int i, ConcurrentBag<string> posted)
    {
        var account = accounts[random.Next(accounts.Count)];
        var key = $"w{writer}-{i}";
        var fen = random.Next(1, 50_000) / 100m;
        return random.Next(10) switch
        {
            < 4 => new LedgerPosting(account, LedgerEntryKind.Recharge, fen, key, $"cashier{writer}", PaymentMethod.Cash, "order", key),
            < 7 => new LedgerPosting(account, LedgerEntryKind.EnergyCharge, -random.Next(1, 200_000) / 10_000m, key, "billing", CauseType: "interval", CauseId: key),
            < 9 => new LedgerPosting(account, LedgerEntryKind.Refund, -fen, key, $"cashier{writer}", PaymentMethod.Cash, "refund", key),
            // A reversal of something posted earlier by anyone (possibly racing another writer's reversal of it).
            _ when posted.TryPeek(out var target) => new LedgerPosting(account, LedgerEntryKind.Reversal, 0m, LedgerService.ReversalKey(target), "manager", CauseId: target),
            _ => new LedgerPosting(account, LedgerEntryKind.Recharge, fen, key, $"cashier{writer}", PaymentMethod.BankCard, "order", key),
        };
    }
}
