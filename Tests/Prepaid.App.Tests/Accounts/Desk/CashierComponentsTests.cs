using Bunit;
using Microsoft.EntityFrameworkCore;
using Prepaid.App.Accounts.Pages;
using Prepaid.Domain.Model;
using Prepaid.Domain.Security;

namespace Prepaid.App.Tests.Accounts.Desk;

public sealed class CashierComponentsTests
{
    private const string AmountInput = "input[data-testid=recharge-amount], [data-testid=recharge-amount] input";

    [Fact]
    public async Task RechargePanel_PickAndPay_ShowsTheReceiptAndPostsOnce()
    {
        await using var bed = await CashierTestBed.CreateAsync(accounts: 2);
        await using var ctx = CashierComponentContext.Create("en", bed.Bed.Database, bed.Bed.Clock, "cashier", Roles.Finance);
        var cut = ctx.Render<RechargePanel>();

        cut.Find("input[data-testid=desk-search], [data-testid=desk-search] input").Input("Shop 2");
        bed.Bed.Clock.Advance(TimeSpan.FromMilliseconds(250));   // the search field's debounce
        cut.WaitForElement("[data-testid=pick-A0002]", TimeSpan.FromSeconds(5)).Click();
        cut.WaitForElement(AmountInput).Input("150.5");
        cut.Find("[data-testid=recharge-submit]").Click();

        cut.WaitForAssertion(() => Assert.Equal("R20261120-0001", cut.Find("[data-testid=receipt-number]").TextContent.Trim()), TimeSpan.FromSeconds(5));
        Assert.Contains("¥150.50 received", cut.Find("[data-testid=recharge-done]").TextContent);
        Assert.Contains("Balance after recharge: ¥ 150.50", cut.Find("[data-testid=recharge-split]").TextContent);
        Assert.Equal("cashier/receipts/R20261120-0001?download=true", cut.Find("[data-testid=receipt-download]").GetAttribute("href"));
        Assert.Empty(cut.FindAll("[data-testid=recharge-submit]"));
        await using var db = bed.Bed.Database.CreateDbContext();
        var entry = await db.LedgerEntries.SingleAsync();
        Assert.Equal(bed.AccountIds[1], entry.AccountId);
        Assert.Equal(150.5m, entry.Amount);
    }

    [Fact]
    public async Task RechargePanel_AboveTheHoardingLimit_ShowsTheRefusalInChinese()
    {
        await using var bed = await CashierTestBed.CreateAsync(hoardingLimit: 100m);
        await using var ctx = CashierComponentContext.Create("zh-CN", bed.Bed.Database, bed.Bed.Clock, "cashier", Roles.Finance);
        var cut = ctx.Render<RechargePanel>();

        cut.Find("input[data-testid=desk-search], [data-testid=desk-search] input").Input("A0001");
        bed.Bed.Clock.Advance(TimeSpan.FromMilliseconds(250));   // the search field's debounce
        cut.WaitForElement("[data-testid=pick-A0001]", TimeSpan.FromSeconds(5)).Click();
        cut.WaitForElement(AmountInput).Input("100.01");
        cut.Find("[data-testid=recharge-submit]").Click();

        cut.WaitForAssertion(() => Assert.Contains("囤积上限", cut.Find("[data-testid=desk-error]").TextContent), TimeSpan.FromSeconds(5));
        // The cashier is told how much can still be taken.
        Assert.Contains("本次最多可收 ¥100.00", cut.Find("[data-testid=desk-error]").TextContent);
        await using var db = bed.Bed.Database.CreateDbContext();
        Assert.Equal(0, await db.LedgerEntries.CountAsync());
    }

    [Fact]
    public async Task ApprovalList_PendingRefund_ShowsTheAccountsBalanceNow()
    {
        await using var bed = await CashierTestBed.CreateAsync(accounts: 2);
        await bed.RechargeAsync(bed.AccountIds[0], 100m);
        await bed.RechargeAsync(bed.AccountIds[1], 42.5m);
        var request = await bed.Refunds.RequestRefundAsync(CashierTestBed.Cashier, bed.AccountIds[0], 30m, PaymentMethod.Cash, "Overpaid", null, CancellationToken.None);
        await using var ctx = CashierComponentContext.Create("zh-CN", bed.Bed.Database, bed.Bed.Clock, "manager", Roles.Manager);
        var cut = ctx.Render<ApprovalList>();

        cut.WaitForElement($"[data-testid=balance-{request.Id}]", TimeSpan.FromSeconds(5));
        Assert.Equal("¥100.00", cut.Find($"[data-testid=balance-{request.Id}]").TextContent.Trim());
        Assert.Contains("当前余额", cut.Find("[data-testid=pending-list]").TextContent);
    }

    [Fact]
    public async Task ApprovalList_AnotherManager_ApprovesAndTheRequestMovesToDecided()
    {
        await using var bed = await CashierTestBed.CreateAsync();
        await bed.RechargeAsync(bed.AccountIds[0], 100m);
        var request = await bed.Refunds.RequestRefundAsync(CashierTestBed.Cashier, bed.AccountIds[0], 30m, PaymentMethod.Cash, "Overpaid", null, CancellationToken.None);
        await using var ctx = CashierComponentContext.Create("en", bed.Bed.Database, bed.Bed.Clock, "manager", Roles.Manager);
        var cut = ctx.Render<ApprovalList>();

        cut.WaitForElement($"[data-testid=approve-{request.Id}]", TimeSpan.FromSeconds(5)).Click();

        cut.WaitForAssertion(() => Assert.Contains("approved", cut.Find("[data-testid=approval-result]").TextContent), TimeSpan.FromSeconds(5));
        Assert.Contains("Approved", cut.Find($"[data-testid=decided-{request.Id}]").TextContent);
        Assert.Empty(cut.FindAll($"[data-testid=request-{request.Id}]"));
        Assert.Equal(70m, await bed.Bed.Ledger.BalanceAsync(bed.AccountIds[0], CancellationToken.None));
    }

    [Fact]
    public async Task ApprovalList_CashierAndRequester_SeeNoApproveButton()
    {
        await using var bed = await CashierTestBed.CreateAsync();
        await bed.RechargeAsync(bed.AccountIds[0], 100m);
        var request = await bed.Refunds.RequestRefundAsync(CashierTestBed.Admin, bed.AccountIds[0], 30m, PaymentMethod.Cash, "Overpaid", null, CancellationToken.None);

        await using (var cashierCtx = CashierComponentContext.Create("en", bed.Bed.Database, bed.Bed.Clock, "cashier", Roles.Finance))
        {
            var cut = cashierCtx.Render<ApprovalList>();
            cut.WaitForElement($"[data-testid=request-{request.Id}]", TimeSpan.FromSeconds(5));
            Assert.Empty(cut.FindAll("[data-testid^=approve-]"));
            Assert.Contains("Waits for a manager", cut.Find($"[data-testid=request-{request.Id}]").TextContent);
        }

        await using var adminCtx = CashierComponentContext.Create("en", bed.Bed.Database, bed.Bed.Clock, "admin", Roles.Administrator);
        var own = adminCtx.Render<ApprovalList>();
        own.WaitForElement($"[data-testid=own-{request.Id}]", TimeSpan.FromSeconds(5));
        Assert.Empty(own.FindAll("[data-testid^=approve-]"));
    }

    [Theory]
    [InlineData("en", "Shop 1")]
    [InlineData("zh-CN", "店铺1")]
    public async Task DayCloseAndApprovals_TenantName_IsInTheReadersLanguage(string culture, string name)
    {
        await using var bed = await CashierTestBed.CreateAsync();
        await bed.RechargeAsync(bed.AccountIds[0], 100m);
        var request = await bed.Refunds.RequestRefundAsync(CashierTestBed.Cashier, bed.AccountIds[0], 30m, PaymentMethod.Cash, "Overpaid", null, CancellationToken.None);
        await using var ctx = CashierComponentContext.Create(culture, bed.Bed.Database, bed.Bed.Clock, "cashier", Roles.Finance);

        var close = ctx.Render<DayClosePanel>();
        var approvals = ctx.Render<ApprovalList>();

        close.WaitForAssertion(() => Assert.Contains(name, close.Find("[data-testid=dayclose-movements]").TextContent), TimeSpan.FromSeconds(5));
        approvals.WaitForAssertion(() => Assert.Contains(name, approvals.Find($"[data-testid=request-{request.Id}]").TextContent), TimeSpan.FromSeconds(5));
    }
}
