using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Prepaid.App.Cashier;
using Prepaid.App.Components.Pages.Tenants;
using Prepaid.App.Tests.Cashier;
using Prepaid.Domain.Model;
using Prepaid.Domain.Security;

namespace Prepaid.App.Tests.Accounts;

public sealed class AccountPageTests
{
    [Fact]
    public async Task Render_RechargePostedElsewhere_BalanceAndLedgerUpdateWithoutReload()
    {
        await using var bed = await AccountTestBed.CreateAsync();
        var account = bed.Desk.AccountIds[0];
        await using var ctx = CashierComponentContext.Create("en", bed.Desk.Bed.Database, bed.Desk.Bed.Clock, "manager", Roles.Manager);
        var cut = ctx.Render<AccountPage>(p => p.Add(x => x.AccountId, account));
        cut.WaitForAssertion(() => Assert.Equal("¥0.00", cut.Find("[data-testid=account-balance]").TextContent.Trim()), TimeSpan.FromSeconds(5));
        Assert.Equal(2, cut.FindAll("[data-testid=account-meters] tbody tr").Count);
        Assert.Empty(cut.FindAll("[data-testid=tenant-edit]"));

        await ctx.Services.GetRequiredService<RechargeService>().RechargeAsync(CashierTestBed.Cashier, account, 75.25m, PaymentMethod.Cash,
            RechargeService.NewOrderKey(), null, CancellationToken.None);

        cut.WaitForAssertion(() => Assert.Equal("¥75.25", cut.Find("[data-testid=account-balance]").TextContent.Trim()), TimeSpan.FromSeconds(5));
        cut.WaitForAssertion(() => Assert.Contains("Entries: 1, sum ¥75.25", cut.Find("[data-testid=ledger-summary]").TextContent), TimeSpan.FromSeconds(5));
    }

    [Theory]
    [InlineData(-12.5, "in arrears (-¥12.50)", true)]
    [InlineData(0, "closes the account at once", false)]
    [InlineData(40, "a balance of ¥40.00 is paid back", false)]
    public async Task CloseCard_Balance_SaysWhatClosingWillDo(decimal balance, string hint, bool disabled)
    {
        await using var bed = await AccountTestBed.CreateAsync();
        var account = bed.Desk.AccountIds[0];
        if (balance != 0)
        {
            await bed.Ledger.PostAsync(new Prepaid.App.Billing.Ledger.LedgerPosting(account, LedgerEntryKind.Adjustment, balance, "test:balance", "tester"),
                CancellationToken.None);
        }

        await using var ctx = CashierComponentContext.Create("en", bed.Desk.Bed.Database, bed.Desk.Bed.Clock, "cashier", Roles.Finance);
        var cut = ctx.Render<AccountPage>(p => p.Add(x => x.AccountId, account));

        cut.WaitForAssertion(() => Assert.Contains(hint, cut.Find("[data-testid=close-hint]").TextContent), TimeSpan.FromSeconds(5));
        Assert.Equal(disabled, cut.Find("[data-testid=close-start]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Render_LowBalanceNotices_AreListedNewestFirstWithTheirState()
    {
        await using var bed = await AccountTestBed.CreateAsync();
        var account = bed.Desk.AccountIds[0];
        await using (var db = bed.Desk.Bed.Database.CreateDbContext())
        {
            var tenantId = db.Accounts.Single(a => a.Id == account).TenantId;
            var now = bed.Desk.Bed.Clock.GetUtcNow();
            db.TenantNotices.AddRange(
                new TenantNotice { TenantId = tenantId, AccountId = account, MeterId = bed.MeterIds[0], Level = Prepaid.Domain.Billing.NoticeLevel.Level1,
                    Balance = 95.5m, At = now.AddHours(-2), Channel = TenantNotice.PendingChannel },
                new TenantNotice { TenantId = tenantId, AccountId = account, MeterId = bed.MeterIds[0], Level = Prepaid.Domain.Billing.NoticeLevel.Level3,
                    Balance = -1.25m, At = now.AddHours(-1), Channel = "sms" });
            await db.SaveChangesAsync();
        }

        await using var ctx = CashierComponentContext.Create("en", bed.Desk.Bed.Database, bed.Desk.Bed.Clock, "cashier", Roles.Finance);
        var cut = ctx.Render<AccountPage>(p => p.Add(x => x.AccountId, account));

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=notice]").Count), TimeSpan.FromSeconds(5));
        var notices = cut.FindAll("[data-testid=notice]");
        Assert.Contains("At zero, balance -¥1.25 (meter M1)", notices[0].TextContent);
        Assert.Contains("Sent by sms", notices[0].TextContent);
        Assert.Contains("At alarm amount 1, balance ¥95.50 (meter M1)", notices[1].TextContent);
        Assert.Contains("Not sent yet", notices[1].TextContent);
    }

    [Fact]
    public async Task Render_NoNotice_SaysSo()
    {
        await using var bed = await AccountTestBed.CreateAsync();
        await using var ctx = CashierComponentContext.Create("zh-CN", bed.Desk.Bed.Database, bed.Desk.Bed.Clock, "cashier", Roles.Finance);

        var cut = ctx.Render<AccountPage>(p => p.Add(x => x.AccountId, bed.Desk.AccountIds[0]));

        cut.WaitForAssertion(() => Assert.Contains("暂无余额提醒", cut.Find("[data-testid=notices-none]").TextContent), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task OpenAccountPage_TenantSelect_ShowsTheChosenTenantsNameNotItsId()
    {
        await using var bed = await AccountTestBed.CreateAsync();
        await using var ctx = CashierComponentContext.Create("en", bed.Desk.Bed.Database, bed.Desk.Bed.Clock, "cashier", Roles.Finance);
        var cut = ctx.Render<OpenAccountPage>();
        var select = cut.FindComponent<MudBlazor.MudSelect<int>>();
        cut.WaitForAssertion(() => Assert.Equal("", cut.Find("[data-testid=open-tenant] input, input[data-testid=open-tenant]").GetAttribute("value") ?? ""),
            TimeSpan.FromSeconds(5));

        await using (var db = bed.Desk.Bed.Database.CreateDbContext())
        {
            var tenant = db.Tenants.OrderBy(t => t.Id).First();
            await cut.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(tenant.Id));
            cut.WaitForAssertion(() => Assert.Contains(tenant.UnitNumber, cut.Find("[data-testid=open-tenant] input, input[data-testid=open-tenant]").GetAttribute("value")),
                TimeSpan.FromSeconds(5));
        }
    }
}
