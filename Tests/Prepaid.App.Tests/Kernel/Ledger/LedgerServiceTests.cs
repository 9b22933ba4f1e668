using Microsoft.EntityFrameworkCore;
using Prepaid.App.Kernel.Ledger;
using Prepaid.Domain.Billing;
using Prepaid.Domain.Model;

namespace Prepaid.App.Tests.Kernel.Ledger;

public sealed class LedgerServiceTests
{
    private static LedgerPosting Recharge(int account, decimal amount, string key) =>
        new(account, LedgerEntryKind.Recharge, amount, key, "cashier", PaymentMethod.Cash, "order", key);

    [Fact]
    public async Task PostAsync_Recharge_AppendsAndBalanceIsSum()
    {
        await using var bed = await LedgerTestBed.CreateAsync();
        var account = bed.AccountIds[0];

        var first = await bed.Ledger.PostAsync(Recharge(account, 100.25m, "r1"), default);
        var second = await bed.Ledger.PostAsync(new LedgerPosting(account, LedgerEntryKind.EnergyCharge, -12.3456m, "c1", "billing"), default);

        Assert.True(first.Appended);
        Assert.Equal(100.25m, first.BalanceAfter);
        Assert.Equal(87.9044m, second.BalanceAfter);
        Assert.Equal(87.9044m, await bed.Ledger.BalanceAsync(account, default));
    }

    [Fact]
    public async Task PostAsync_SameKeySameContent_ReturnsOriginalWithoutAppending()
    {
        await using var bed = await LedgerTestBed.CreateAsync();
        var account = bed.AccountIds[0];
        var original = await bed.Ledger.PostAsync(Recharge(account, 50m, "r1"), default);
        bed.Clock.Advance(TimeSpan.FromMinutes(5));

        var retry = await bed.Ledger.PostAsync(Recharge(account, 50m, "r1"), default);

        Assert.False(retry.Appended);
        Assert.Equal(original.Entry.Id, retry.Entry.Id);
        Assert.Equal(50m, await bed.Ledger.BalanceAsync(account, default));
    }

    [Fact]
    public async Task PostAsync_SameKeyDifferentAmount_RefusedAsConflict()
    {
        await using var bed = await LedgerTestBed.CreateAsync();
        var account = bed.AccountIds[0];
        await bed.Ledger.PostAsync(Recharge(account, 50m, "r1"), default);

        var error = await Assert.ThrowsAsync<LedgerRuleException>(() => bed.Ledger.PostAsync(Recharge(account, 60m, "r1"), default));

        Assert.Equal(LedgerRule.IdempotencyKeyConflict, error.Rule);
        Assert.Equal(50m, await bed.Ledger.BalanceAsync(account, default));
    }

    [Theory]
    [InlineData(LedgerEntryKind.Recharge, -5, LedgerRule.InvalidSign)]
    [InlineData(LedgerEntryKind.EnergyCharge, 5, LedgerRule.InvalidSign)]
    [InlineData(LedgerEntryKind.Recharge, 0.00001, LedgerRule.TooPrecise)]
    public async Task PostAsync_BrokenEntry_RefusedAndNothingWritten(LedgerEntryKind kind, double amount, LedgerRule expected)
    {
        await using var bed = await LedgerTestBed.CreateAsync();
        var posting = new LedgerPosting(bed.AccountIds[0], kind, (decimal)amount, "k", "cashier", PaymentMethod.Cash);

        var error = await Assert.ThrowsAsync<LedgerRuleException>(() => bed.Ledger.PostAsync(posting, default));

        Assert.Equal(expected, error.Rule);
        await using var db = bed.Database.CreateDbContext();
        Assert.Equal(0, await db.LedgerEntries.CountAsync());
    }

    [Fact]
    public async Task PostAsync_RechargeWithoutPaymentMethod_Refused()
    {
        await using var bed = await LedgerTestBed.CreateAsync();

        var error = await Assert.ThrowsAsync<LedgerRuleException>(() =>
            bed.Ledger.PostAsync(new LedgerPosting(bed.AccountIds[0], LedgerEntryKind.Recharge, 10m, "k", "cashier"), default));

        Assert.Equal(LedgerRule.MissingPaymentMethod, error.Rule);
    }

    [Fact]
    public async Task PostAsync_RefundAboveBalance_Refused()
    {
        await using var bed = await LedgerTestBed.CreateAsync();
        var account = bed.AccountIds[0];
        await bed.Ledger.PostAsync(Recharge(account, 30m, "r1"), default);

        var error = await Assert.ThrowsAsync<LedgerRuleException>(() => bed.Ledger.PostAsync(
            new LedgerPosting(account, LedgerEntryKind.Refund, -30.01m, "f1", "cashier", PaymentMethod.Cash), default));

        Assert.Equal(LedgerRule.RefundExceedsBalance, error.Rule);
    }

    [Fact]
    public async Task PostAsync_OpeningBalanceAfterEntries_Refused()
    {
        await using var bed = await LedgerTestBed.CreateAsync();
        var account = bed.AccountIds[0];
        await bed.Ledger.PostAsync(Recharge(account, 30m, "r1"), default);

        var error = await Assert.ThrowsAsync<LedgerRuleException>(() => bed.Ledger.PostAsync(
            new LedgerPosting(account, LedgerEntryKind.OpeningBalance, 10m, "o1", "import"), default));

        Assert.Equal(LedgerRule.OpeningBalanceNotFirst, error.Rule);
    }

    [Fact]
    public async Task PostAsync_ClosedAccount_Refused()
    {
        await using var bed = await LedgerTestBed.CreateAsync();
        var account = bed.AccountIds[0];
        await using (var db = bed.Database.CreateDbContext())
        {
            var row = await db.Accounts.SingleAsync(a => a.Id == account);
            row.ClosedAt = bed.Clock.GetUtcNow();
            await db.SaveChangesAsync();
        }

        await Assert.ThrowsAsync<LedgerRuleException>(() => bed.Ledger.PostAsync(Recharge(account, 10m, "r1"), default));
    }

    [Fact]
    public async Task ReverseAsync_Recharge_PostsExactOppositeOnce()
    {
        await using var bed = await LedgerTestBed.CreateAsync();
        var account = bed.AccountIds[0];
        await bed.Ledger.PostAsync(Recharge(account, 80m, "r1"), default);

        var reversal = await bed.Ledger.ReverseAsync("r1", "manager", "wrong account", default);
        var again = await bed.Ledger.ReverseAsync("r1", "manager", "wrong account", default);

        Assert.True(reversal.Appended);
        Assert.False(again.Appended);
        Assert.Equal(-80m, reversal.Entry.Amount);
        Assert.Equal(0m, await bed.Ledger.BalanceAsync(account, default));
    }

    [Fact]
    public async Task ReverseAsync_OfAReversal_Refused()
    {
        await using var bed = await LedgerTestBed.CreateAsync();
        await bed.Ledger.PostAsync(Recharge(bed.AccountIds[0], 80m, "r1"), default);
        var reversal = await bed.Ledger.ReverseAsync("r1", "manager", "wrong", default);

        var error = await Assert.ThrowsAsync<LedgerRuleException>(() => bed.Ledger.ReverseAsync(reversal.Entry.IdempotencyKey, "manager", "again", default));

        Assert.Equal(LedgerRule.ReversalOfReversal, error.Rule);
    }

    [Fact]
    public async Task PostAsync_PreconditionThrows_NothingWritten()
    {
        await using var bed = await LedgerTestBed.CreateAsync();
        var account = bed.AccountIds[0];
        await bed.Ledger.PostAsync(Recharge(account, 900m, "r1"), default);

        await Assert.ThrowsAsync<BillingValidationException>(() => bed.Ledger.PostAsync(Recharge(account, 200m, "r2"), default,
            balance => { if (!RechargeRules.CheckHoardingLimit(balance, 200m, 1000m).Allowed) throw new BillingValidationException(["over the hoarding limit"]); }));

        Assert.Equal(900m, await bed.Ledger.BalanceAsync(account, default));
    }

    [Fact]
    public async Task PostAsync_Appended_NotifiesWithBalanceAfter()
    {
        await using var bed = await LedgerTestBed.CreateAsync();
        var changes = new List<LedgerChange>();
        using var subscription = bed.Notifier.Subscribe(changes.Add);

        await bed.Ledger.PostAsync(Recharge(bed.AccountIds[0], 12m, "r1"), default);
        await bed.Ledger.PostAsync(Recharge(bed.AccountIds[0], 12m, "r1"), default);

        var change = Assert.Single(changes);
        Assert.Equal(12m, change.BalanceAfter);
    }

    [Fact]
    public async Task BalancesAsync_ManyAccounts_SumsEach()
    {
        await using var bed = await LedgerTestBed.CreateAsync(accounts: 3);
        await bed.Ledger.PostAsync(Recharge(bed.AccountIds[0], 10m, "a"), default);
        await bed.Ledger.PostAsync(Recharge(bed.AccountIds[1], 20.5m, "b"), default);
        await bed.Ledger.PostAsync(Recharge(bed.AccountIds[1], 0.0001m, "c"), default);

        var balances = await bed.Ledger.BalancesAsync(null, default);

        Assert.Equal(10m, balances[bed.AccountIds[0]]);
        Assert.Equal(20.5001m, balances[bed.AccountIds[1]]);
        Assert.False(balances.ContainsKey(bed.AccountIds[2]));
    }
}
