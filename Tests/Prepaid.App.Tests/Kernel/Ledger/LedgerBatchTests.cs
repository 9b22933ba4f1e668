using Microsoft.EntityFrameworkCore;
using Prepaid.App.Kernel.Ledger;
using Prepaid.Domain.Billing;
using Prepaid.Domain.Model;

namespace Prepaid.App.Tests.Kernel.Ledger;

public sealed class LedgerBatchTests
{
    private static LedgerPosting Recharge(int account, decimal amount, string key) =>
        new(account, LedgerEntryKind.Recharge, amount, key, "cashier", PaymentMethod.Cash, "order", key);

    private static LedgerPosting Charge(int account, decimal amount, string key) =>
        new(account, LedgerEntryKind.EnergyCharge, amount, key, "platform-billing", CauseType: "interval", CauseId: key);

    private static async Task<int> CountAsync(LedgerTestBed bed)
    {
        await using var db = bed.Database.CreateDbContext();
        return await db.LedgerEntries.CountAsync();
    }

    [Fact]
    public async Task PostBatchAsync_NewEntries_AllAppendedBalanceIsSumAndOneChangeEach()
    {
        await using var bed = await LedgerTestBed.CreateAsync();
        var account = bed.AccountIds[0];
        var changes = new List<LedgerChange>();
        using var _ = bed.Notifier.Subscribe(changes.Add);

        var result = await bed.Ledger.PostBatchAsync(account,
            [Recharge(account, 100m, "r1"), Charge(account, -1.2345m, "c1"), Charge(account, -0.0001m, "c2")], default);

        Assert.Equal(3, result.Appended);
        Assert.Equal(98.7654m, result.BalanceAfter);
        Assert.Equal([100m, 98.7655m, 98.7654m], result.Results.Select(r => r.BalanceAfter));
        Assert.Equal(98.7654m, await bed.Ledger.BalanceAsync(account, default));
        Assert.Equal([100m, 98.7655m, 98.7654m], changes.Select(c => c.BalanceAfter));
        Assert.All(changes, c => Assert.True(c.EntryId > 0));
    }

    [Fact]
    public async Task PostBatchAsync_IdenticalRetry_RecognisedAndNothingAppended()
    {
        await using var bed = await LedgerTestBed.CreateAsync();
        var account = bed.AccountIds[0];
        List<LedgerPosting> batch = [Recharge(account, 50m, "r1"), Charge(account, -2m, "c1")];
        var first = await bed.Ledger.PostBatchAsync(account, batch, default);
        bed.Clock.Advance(TimeSpan.FromMinutes(5));

        var retry = await bed.Ledger.PostBatchAsync(account, batch, default);

        Assert.Equal(0, retry.Appended);
        Assert.Equal(first.Results.Select(r => r.Entry.Id), retry.Results.Select(r => r.Entry.Id));
        Assert.Equal(48m, retry.BalanceAfter);
        Assert.Equal(2, await CountAsync(bed));
    }

    [Fact]
    public async Task PostBatchAsync_PartlyPostedBefore_OnlyTheNewOnesAppended()
    {
        await using var bed = await LedgerTestBed.CreateAsync();
        var account = bed.AccountIds[0];
        await bed.Ledger.PostAsync(Charge(account, -2m, "c1"), default);

        var result = await bed.Ledger.PostBatchAsync(account, [Charge(account, -2m, "c1"), Charge(account, -3m, "c2")], default);

        Assert.Equal([false, true], result.Results.Select(r => r.Appended));
        Assert.Equal(-5m, await bed.Ledger.BalanceAsync(account, default));
    }

    [Fact]
    public async Task PostBatchAsync_ConflictingStoredKey_RefusesWholeBatchAndWritesNothing()
    {
        await using var bed = await LedgerTestBed.CreateAsync();
        var account = bed.AccountIds[0];
        await bed.Ledger.PostAsync(Charge(account, -2m, "c2"), default);
        var alongsideRan = false;

        var error = await Assert.ThrowsAsync<LedgerRuleException>(() => bed.Ledger.PostBatchAsync(account,
            [Charge(account, -1m, "c1"), Charge(account, -9m, "c2"), Charge(account, -1m, "c3")], default,
            (_, _) => { alongsideRan = true; return Task.CompletedTask; }));

        Assert.Equal(LedgerRule.IdempotencyKeyConflict, error.Rule);
        Assert.False(alongsideRan);
        Assert.Equal(1, await CountAsync(bed));
        Assert.Equal(-2m, await bed.Ledger.BalanceAsync(account, default));
    }

    [Fact]
    public async Task PostBatchAsync_SameKeyTwiceWithDifferentContent_RefusedAndNothingWritten()
    {
        await using var bed = await LedgerTestBed.CreateAsync();
        var account = bed.AccountIds[0];

        var error = await Assert.ThrowsAsync<LedgerRuleException>(() => bed.Ledger.PostBatchAsync(account,
            [Charge(account, -1m, "c1"), Charge(account, -2m, "c1")], default));

        Assert.Equal(LedgerRule.IdempotencyKeyConflict, error.Rule);
        Assert.Equal(0, await CountAsync(bed));
    }

    [Theory]
    [InlineData(LedgerEntryKind.EnergyCharge, 5, LedgerRule.InvalidSign)]
    [InlineData(LedgerEntryKind.EnergyCharge, -0.00001, LedgerRule.TooPrecise)]
    public async Task PostBatchAsync_OneBrokenEntry_RefusesWholeBatch(LedgerEntryKind kind, double amount, LedgerRule expected)
    {
        await using var bed = await LedgerTestBed.CreateAsync();
        var account = bed.AccountIds[0];

        var error = await Assert.ThrowsAsync<LedgerRuleException>(() => bed.Ledger.PostBatchAsync(account,
            [Charge(account, -1m, "c1"), new LedgerPosting(account, kind, (decimal)amount, "c2", "platform-billing")], default));

        Assert.Equal(expected, error.Rule);
        Assert.Equal(0, await CountAsync(bed));
    }

    [Fact]
    public async Task PostBatchAsync_RefundAboveRunningBalance_RefusesWholeBatch()
    {
        await using var bed = await LedgerTestBed.CreateAsync();
        var account = bed.AccountIds[0];
        await bed.Ledger.PostAsync(Recharge(account, 10m, "r1"), default);

        var error = await Assert.ThrowsAsync<LedgerRuleException>(() => bed.Ledger.PostBatchAsync(account,
            [Charge(account, -6m, "c1"), new LedgerPosting(account, LedgerEntryKind.Refund, -5m, "f1", "cashier", PaymentMethod.Cash)], default));

        Assert.Equal(LedgerRule.RefundExceedsBalance, error.Rule);
        Assert.Equal(10m, await bed.Ledger.BalanceAsync(account, default));
    }

    [Fact]
    public async Task PostBatchAsync_ReversalOfAnEntryEarlierInTheBatch_Accepted()
    {
        await using var bed = await LedgerTestBed.CreateAsync();
        var account = bed.AccountIds[0];

        var result = await bed.Ledger.PostBatchAsync(account,
        [
            Charge(account, -4m, "c1"),
            new LedgerPosting(account, LedgerEntryKind.Reversal, 4m, LedgerService.ReversalKey("c1"), "manager", null, LedgerService.ReversalCauseType, "c1"),
        ], default);

        Assert.Equal(2, result.Appended);
        Assert.Equal(0m, await bed.Ledger.BalanceAsync(account, default));
    }

    [Fact]
    public async Task PostBatchAsync_AnotherAccountInTheBatch_RefusedAndNothingWritten()
    {
        await using var bed = await LedgerTestBed.CreateAsync(accounts: 2);

        await Assert.ThrowsAsync<ArgumentException>(() => bed.Ledger.PostBatchAsync(bed.AccountIds[0],
            [Charge(bed.AccountIds[0], -1m, "c1"), Charge(bed.AccountIds[1], -1m, "c2")], default));

        Assert.Equal(0, await CountAsync(bed));
    }

    [Fact]
    public async Task PostBatchAsync_AlongsideThrows_NothingWritten()
    {
        await using var bed = await LedgerTestBed.CreateAsync();
        var account = bed.AccountIds[0];

        await Assert.ThrowsAsync<InvalidOperationException>(() => bed.Ledger.PostBatchAsync(account, [Charge(account, -1m, "c1")], default,
            (_, _) => throw new InvalidOperationException("cursor moved")));

        Assert.Equal(0, await CountAsync(bed));
    }

    [Fact]
    public async Task PostBatchAsync_ConcurrentWithSinglePosts_BalanceIsSumAndEveryKeyOnce()
    {
        await using var bed = await LedgerTestBed.CreateAsync();
        var account = bed.AccountIds[0];
        var batch = Enumerable.Range(0, 20).Select(i => Charge(account, -0.0001m * (i + 1), $"c{i}")).ToList();

        await Task.WhenAll(
            bed.Ledger.PostBatchAsync(account, batch, default),
            bed.Ledger.PostBatchAsync(account, batch, default),
            Task.WhenAll(batch.Select(p => bed.Ledger.PostAsync(p, default))));

        await using var db = bed.Database.CreateDbContext();
        var entries = await db.LedgerEntries.AsNoTracking().ToListAsync();
        Assert.Equal(20, entries.Count);
        Assert.Equal(batch.Sum(p => p.Amount), await bed.Ledger.BalanceAsync(account, default));
    }
}
