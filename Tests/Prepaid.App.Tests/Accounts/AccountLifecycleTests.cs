using Microsoft.EntityFrameworkCore;
using Prepaid.App.Accounts;
using Prepaid.App.Accounts.Desk;
using Prepaid.App.Kernel.Security;
using Prepaid.App.Tests.Accounts.Desk;
using Prepaid.Domain.Model;

namespace Prepaid.App.Tests.Accounts;

public sealed class AccountLifecycleTests
{
    [Fact]
    public async Task OpenAsync_WithCarryOverOfAllMeters_MovesTheBalanceWithLinkedEntriesAndClosesTheOldAccount()
    {
        await using var bed = await AccountTestBed.CreateAsync();
        var old = bed.Desk.AccountIds[0];
        await bed.Desk.RechargeAsync(old, 321.45m);
        var tenantId = await TenantOf(bed, old);

        var opened = await bed.Lifecycle.OpenAsync(CashierTestBed.Cashier, tenantId, [bed.MeterIds[0], bed.MeterIds[1]], old, null, CancellationToken.None);

        Assert.Equal(321.45m, opened.TransferredBalance);
        Assert.Equal(0m, await bed.Ledger.BalanceAsync(old, CancellationToken.None));
        Assert.Equal(321.45m, await bed.Ledger.BalanceAsync(opened.Account.Id, CancellationToken.None));
        await using var db = bed.Desk.Bed.Database.CreateDbContext();
        var outEntry = await db.LedgerEntries.SingleAsync(e => e.IdempotencyKey == AccountLifecycle.TransferOutKey(old, opened.Account.Id));
        var inEntry = await db.LedgerEntries.SingleAsync(e => e.IdempotencyKey == AccountLifecycle.TransferInKey(old, opened.Account.Id));
        Assert.Equal(inEntry.IdempotencyKey, outEntry.CauseId);
        Assert.Equal(outEntry.IdempotencyKey, inEntry.CauseId);
        Assert.Equal(LedgerEntryKind.Adjustment, outEntry.Kind);
        Assert.NotNull((await db.Accounts.SingleAsync(a => a.Id == old)).ClosedAt);
        Assert.Equal(2, await db.Meters.CountAsync(m => m.AccountId == opened.Account.Id));
        Assert.Equal("A000003", opened.Account.Number);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "account.open"));
    }

    [Fact]
    public async Task OpenAsync_NoAccountReplaced_StartsWithTheSiteDefaults()
    {
        await using var bed = await AccountTestBed.CreateAsync();
        await using (var setup = bed.Desk.Bed.Database.CreateDbContext())
        {
            var site = await setup.Sites.FirstAsync();
            (site.NewAccountAlarmAmount1, site.NewAccountAlarmAmount2, site.NewAccountOverdraftLimit) = (400m, 120m, 50m);
            await setup.SaveChangesAsync();
        }

        var tenantId = await TenantOf(bed, bed.Desk.AccountIds[1]);
        var opened = await bed.Lifecycle.OpenAsync(CashierTestBed.Cashier, tenantId, [bed.MeterIds[2]], null, null, CancellationToken.None);

        await using var db = bed.Desk.Bed.Database.CreateDbContext();
        var account = await db.Accounts.SingleAsync(a => a.Id == opened.Account.Id);
        Assert.Equal((400m, 120m, 50m), (account.AlarmAmount1, account.AlarmAmount2, account.OverdraftLimit));
    }

    [Fact]
    public async Task TransferBalanceAsync_Retried_PostsEachSideOnce()
    {
        await using var bed = await AccountTestBed.CreateAsync();
        var (from, to) = (bed.Desk.AccountIds[0], bed.Desk.AccountIds[1]);
        await bed.Desk.RechargeAsync(from, 50m);

        var first = await bed.Lifecycle.TransferBalanceAsync(from, to, "cashier", CancellationToken.None);
        var again = await bed.Lifecycle.TransferBalanceAsync(from, to, "cashier", CancellationToken.None);

        Assert.Equal(50m, first);
        Assert.Equal(50m, again);
        Assert.Equal(0m, await bed.Ledger.BalanceAsync(from, CancellationToken.None));
        Assert.Equal(50m, await bed.Ledger.BalanceAsync(to, CancellationToken.None));
    }

    [Fact]
    public async Task OpenAsync_MeterOfAnotherOpenAccount_IsRefused()
    {
        await using var bed = await AccountTestBed.CreateAsync();
        var tenantId = await TenantOf(bed, bed.Desk.AccountIds[0]);

        var e = await Assert.ThrowsAsync<AccountRefusedException>(() =>
            bed.Lifecycle.OpenAsync(CashierTestBed.Cashier, tenantId, [bed.MeterIds[3]], null, null, CancellationToken.None));

        Assert.Equal("meter-taken", e.Code);
    }

    [Fact]
    public async Task OpenAsync_ByAManager_IsRefused()
    {
        await using var bed = await AccountTestBed.CreateAsync();

        await Assert.ThrowsAsync<PermissionDeniedException>(() =>
            bed.Lifecycle.OpenAsync(CashierTestBed.Manager, 1, [bed.MeterIds[2]], null, null, CancellationToken.None));
    }

    [Fact]
    public async Task CloseAsync_PositiveBalance_RequestsTheRefundAndTheApprovalClosesTheAccountAndFreesItsMeters()
    {
        await using var bed = await AccountTestBed.CreateAsync();
        var account = bed.Desk.AccountIds[0];
        await bed.Desk.RechargeAsync(account, 88.8m);
        await bed.GiveLiveReadingsAsync(bed.MeterIds[0], bed.MeterIds[1]);

        var closing = await bed.Lifecycle.CloseAsync(CashierTestBed.Cashier, account, PaymentMethod.Transfer, "Lease ended", null, CancellationToken.None);
        Assert.False(closing.ClosedNow);
        Assert.Equal(88.8m, closing.Refund!.Amount);
        await bed.Desk.Refunds.ApproveAsync(CashierTestBed.Manager, closing.Refund.Id, null, null, CancellationToken.None);

        Assert.Equal(0m, await bed.Ledger.BalanceAsync(account, CancellationToken.None));
        await using var db = bed.Desk.Bed.Database.CreateDbContext();
        Assert.NotNull((await db.Accounts.SingleAsync(a => a.Id == account)).ClosedAt);
        Assert.Equal(0, await db.Meters.CountAsync(m => m.AccountId == account));
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == "account.close");
        Assert.Contains("1235.56", audit.After);
        var recharge = await Assert.ThrowsAsync<CashierRefusedException>(() => bed.Desk.RechargeAsync(account, 1m));
        Assert.Equal("account-closed", recharge.Code);
    }

    [Fact]
    public async Task ApproveAsync_ClosingRefundAfterTheBalanceMoved_IsRefusedAndTheAccountStaysOpen()
    {
        await using var bed = await AccountTestBed.CreateAsync();
        var account = bed.Desk.AccountIds[0];
        await bed.Desk.RechargeAsync(account, 88.8m);
        await bed.GiveLiveReadingsAsync(bed.MeterIds[0], bed.MeterIds[1]);
        var closing = await bed.Lifecycle.CloseAsync(CashierTestBed.Cashier, account, PaymentMethod.Cash, "Lease ended", null, CancellationToken.None);
        await bed.Desk.RechargeAsync(account, 10m);

        var e = await Assert.ThrowsAsync<CashierRefusedException>(() => bed.Desk.Refunds.ApproveAsync(CashierTestBed.Manager, closing.Refund!.Id, null, null, CancellationToken.None));

        Assert.Equal("closing-balance-changed", e.Code);
        Assert.Equal(98.8m, await bed.Ledger.BalanceAsync(account, CancellationToken.None));
        await using var db = bed.Desk.Bed.Database.CreateDbContext();
        Assert.Null((await db.Accounts.SingleAsync(a => a.Id == account)).ClosedAt);
    }

    [Fact]
    public async Task CloseAsync_ZeroBalance_ClosesAtOnce()
    {
        await using var bed = await AccountTestBed.CreateAsync();
        var account = bed.Desk.AccountIds[0];
        await bed.GiveLiveReadingsAsync(bed.MeterIds[0], bed.MeterIds[1]);

        var closing = await bed.Lifecycle.CloseAsync(CashierTestBed.Cashier, account, PaymentMethod.Cash, "Lease ended", null, CancellationToken.None);

        Assert.True(closing.ClosedNow);
        await using var db = bed.Desk.Bed.Database.CreateDbContext();
        Assert.NotNull((await db.Accounts.SingleAsync(a => a.Id == account)).ClosedAt);
    }

    [Fact]
    public async Task CloseAsync_ArrearsOrNoReading_IsRefused()
    {
        await using var bed = await AccountTestBed.CreateAsync();
        var account = bed.Desk.AccountIds[0];

        var noReading = await Assert.ThrowsAsync<AccountRefusedException>(() =>
            bed.Lifecycle.CloseAsync(CashierTestBed.Cashier, account, PaymentMethod.Cash, "Lease ended", null, CancellationToken.None));
        await bed.GiveLiveReadingsAsync(bed.MeterIds[0], bed.MeterIds[1]);
        await bed.Ledger.PostAsync(new App.Kernel.Ledger.LedgerPosting(account, LedgerEntryKind.EnergyCharge, -5m, "energy:x", "billing"), CancellationToken.None);
        var arrears = await Assert.ThrowsAsync<AccountRefusedException>(() =>
            bed.Lifecycle.CloseAsync(CashierTestBed.Cashier, account, PaymentMethod.Cash, "Lease ended", null, CancellationToken.None));

        Assert.Equal("no-reading", noReading.Code);
        Assert.Equal("arrears", arrears.Code);
    }

    private static async Task<int> TenantOf(AccountTestBed bed, int accountId)
    {
        await using var db = bed.Desk.Bed.Database.CreateDbContext();
        return await db.Accounts.Where(a => a.Id == accountId).Select(a => a.TenantId).SingleAsync();
    }
}
