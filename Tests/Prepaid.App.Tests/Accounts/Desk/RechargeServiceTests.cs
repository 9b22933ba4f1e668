using Microsoft.EntityFrameworkCore;
using Prepaid.App.Accounts.Desk;
using Prepaid.App.Kernel.Security;
using Prepaid.Domain.Model;

namespace Prepaid.App.Tests.Accounts.Desk;

public sealed class RechargeServiceTests
{
    [Fact]
    public async Task RechargeAsync_SameOrderTwiceAtOnce_TakesTheMoneyOnceWithOneReceipt()
    {
        await using var bed = await CashierTestBed.CreateAsync();
        var key = RechargeService.NewOrderKey();

        var both = await Task.WhenAll(bed.RechargeAsync(bed.AccountIds[0], 200m, orderKey: key), bed.RechargeAsync(bed.AccountIds[0], 200m, orderKey: key));
        var retry = await bed.RechargeAsync(bed.AccountIds[0], 200m, orderKey: key);

        Assert.Single(both, o => o.Appended);
        Assert.False(retry.Appended);
        Assert.Equal(both[0].Receipt.Number, retry.Receipt.Number);
        Assert.Equal(both[1].Receipt.Number, retry.Receipt.Number);
        Assert.Equal(200m, retry.BalanceAfter);
        await using var db = bed.Bed.Database.CreateDbContext();
        Assert.Equal(1, await db.Receipts.CountAsync());
        Assert.Equal(1, await db.LedgerEntries.CountAsync());
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "cashier.recharge"));
    }

    [Fact]
    public async Task RechargeAsync_SameOrderWithAnotherAmount_IsRefusedAndChangesNothing()
    {
        await using var bed = await CashierTestBed.CreateAsync();
        var key = RechargeService.NewOrderKey();
        await bed.RechargeAsync(bed.AccountIds[0], 200m, orderKey: key);

        var e = await Assert.ThrowsAsync<CashierRefusedException>(() => bed.RechargeAsync(bed.AccountIds[0], 300m, orderKey: key));

        Assert.Equal("order-conflict", e.Code);
        Assert.Equal(200m, await bed.Bed.Ledger.BalanceAsync(bed.AccountIds[0], CancellationToken.None));
    }

    [Theory]
    [InlineData(0, PaymentMethod.Cash, "amount")]
    [InlineData(-5, PaymentMethod.Cash, "amount")]
    [InlineData(10.001, PaymentMethod.Cash, "amount")]
    [InlineData(1000000.01, PaymentMethod.Cash, "amount-too-large")]
    [InlineData(10, PaymentMethod.WeChat, "method")]
    public async Task RechargeAsync_BadInput_IsRefusedWithItsCode(decimal amount, PaymentMethod method, string code)
    {
        await using var bed = await CashierTestBed.CreateAsync();

        var e = await Assert.ThrowsAsync<CashierRefusedException>(() => bed.RechargeAsync(bed.AccountIds[0], amount, method));

        Assert.Equal(code, e.Code);
        await using var db = bed.Bed.Database.CreateDbContext();
        Assert.Equal(0, await db.LedgerEntries.CountAsync());
        Assert.Equal(0, await db.Receipts.CountAsync());
    }

    [Fact]
    public async Task RechargeAsync_WithoutPermission_IsRefused()
    {
        await using var bed = await CashierTestBed.CreateAsync();

        await Assert.ThrowsAsync<PermissionDeniedException>(() => bed.RechargeAsync(bed.AccountIds[0], 10m, by: CashierTestBed.Manager));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => bed.RechargeAsync(bed.AccountIds[0], 10m, by: CashierTestBed.Electrician));
    }

    [Fact]
    public async Task RechargeAsync_ClosedAccount_IsRefused()
    {
        await using var bed = await CashierTestBed.CreateAsync();
        await using (var db = bed.Bed.Database.CreateDbContext())
        {
            await db.Accounts.ExecuteUpdateAsync(a => a.SetProperty(x => x.ClosedAt, bed.Bed.Clock.GetUtcNow()));
        }

        var e = await Assert.ThrowsAsync<CashierRefusedException>(() => bed.RechargeAsync(bed.AccountIds[0], 10m));

        Assert.Equal("account-closed", e.Code);
    }

    [Fact]
    public async Task ReceiptQuery_Find_HasEverythingPrintedOnTheReceipt()
    {
        await using var bed = await CashierTestBed.CreateAsync();
        await bed.RechargeAsync(bed.AccountIds[0], 50m);
        var outcome = await bed.RechargeAsync(bed.AccountIds[0], 1234.56m, PaymentMethod.BankCard);

        var view = await bed.Receipts.FindAsync(outcome.Receipt.Number, CancellationToken.None);

        Assert.NotNull(view);
        Assert.Equal("Test mall", view.SiteName);
        Assert.Equal("A0001", view.AccountNumber);
        Assert.Equal("店铺1", view.TenantName);
        Assert.Equal(1234.56m, view.Amount);
        Assert.Equal("壹仟贰佰叁拾肆元伍角陆分", view.AmountInCapitals);
        Assert.Equal(PaymentMethod.BankCard, view.Method);
        Assert.Equal("cashier", view.Cashier);
        Assert.Equal("2026-11-20 10:30:00", view.IssuedAtSiteTime);
        Assert.Equal(1284.56m, view.BalanceAfter);
    }

    [Fact]
    public async Task ReceiptQuery_CashierHasADisplayName_ThePersonIsNamedNotTheLogin()
    {
        await using var bed = await CashierTestBed.CreateAsync();
        await using (var db = bed.Bed.Database.CreateDbContext())
        {
            db.Users.Add(new Prepaid.App.Persistence.Entities.PrepaidUser { UserName = "cashier", NormalizedUserName = "CASHIER", DisplayName = "王芳" });
            await db.SaveChangesAsync();
        }

        var outcome = await bed.RechargeAsync(bed.AccountIds[0], 20m);
        var view = await bed.Receipts.FindAsync(outcome.Receipt.Number, CancellationToken.None);

        Assert.Equal("王芳", view!.Cashier);
        Assert.Equal("cashier", outcome.Receipt.IssuedBy);
    }
}
