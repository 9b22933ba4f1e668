using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Prepaid.App.Accounts.Desk;
using Prepaid.App.Accounts.Pages;
using Prepaid.App.Tests.Accounts.Desk;
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
            await bed.Ledger.PostAsync(new Prepaid.App.Kernel.Ledger.LedgerPosting(account, LedgerEntryKind.Adjustment, balance, "test:balance", "tester"),
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
    public async Task OpenAccountPage_TenantPicked_ShowsTheChosenTenantsNameNotItsId()
    {
        await using var bed = await AccountTestBed.CreateAsync();
        await using var ctx = CashierComponentContext.Create("en", bed.Desk.Bed.Database, bed.Desk.Bed.Clock, "cashier", Roles.Finance);
        var cut = ctx.Render<OpenAccountPage>();
        var picker = cut.FindComponent<MudBlazor.MudAutocomplete<Tenant>>();
        cut.WaitForAssertion(() => Assert.Equal("", cut.Find("[data-testid=open-tenant] input, input[data-testid=open-tenant]").GetAttribute("value") ?? ""),
            TimeSpan.FromSeconds(5));

        await using (var db = bed.Desk.Bed.Database.CreateDbContext())
        {
            var tenant = db.Tenants.OrderBy(t => t.Id).First();
            await cut.InvokeAsync(() => picker.Instance.ValueChanged.InvokeAsync(tenant));
            cut.WaitForAssertion(() => Assert.Contains($"{tenant.UnitNumber} · {tenant.NameEn}", cut.Find("[data-testid=open-tenant] input, input[data-testid=open-tenant]").GetAttribute("value")),
                TimeSpan.FromSeconds(5));
            cut.WaitForElement("[data-testid^=open-meter-], [data-testid=open-confirm]", TimeSpan.FromSeconds(5));
        }
    }

    [Fact]
    public void OpenAccountPage_SearchText_MatchesUnitEitherNameAndMobile()
    {
        Tenant T(int id, string unit, string zh, string en, string mobile) =>
            new() { Id = id, UnitNumber = unit, Name = zh, NameEn = en, ContactName = "Wang", Mobile = mobile };
        var tenants = new[] { T(1, "L1-001", "一品日料", "Yipin Japanese", "13911110000"), T(2, "L2-014", "星巴克", "Starbucks", "13822220000") };

        Assert.Equal([2], OpenAccountPage.MatchTenants(tenants, "l2-01").Select(t => t.Id));
        Assert.Equal([1], OpenAccountPage.MatchTenants(tenants, "日料").Select(t => t.Id));
        Assert.Equal([2], OpenAccountPage.MatchTenants(tenants, "starb").Select(t => t.Id));
        Assert.Equal([1], OpenAccountPage.MatchTenants(tenants, "1111").Select(t => t.Id));
        Assert.Equal([1, 2], OpenAccountPage.MatchTenants(tenants, " ").Select(t => t.Id));
        Assert.Empty(OpenAccountPage.MatchTenants(tenants, "Costa"));
    }

    [Fact]
    public async Task AccountLedger_JobEntriesInChinese_AreDescribedFromTheirCauseWithTheNoteAsDetail()
    {
        await using var bed = await AccountTestBed.CreateAsync();
        var account = bed.Desk.AccountIds[0];
        var meter = bed.MeterIds[0];
        await bed.Ledger.PostAsync(new Prepaid.App.Kernel.Ledger.LedgerPosting(account, LedgerEntryKind.OpeningBalance, 500m, "open-1", "system",
            CauseType: "demo-seed", CauseId: "1", Note: "Opening balance"), CancellationToken.None);
        var recharge = await bed.Desk.RechargeAsync(account, 100m);
        await bed.Ledger.PostAsync(new Prepaid.App.Kernel.Ledger.LedgerPosting(account, LedgerEntryKind.PropertyFee, -680m, "fee-1", "system",
            CauseType: "property-fee", CauseId: "2026-11", Note: "Property fee 2026-11: fixed 680 per month"), CancellationToken.None);
        await bed.Ledger.PostAsync(new Prepaid.App.Kernel.Ledger.LedgerPosting(account, LedgerEntryKind.EnergyCharge, -6.3m, "int-1", "system",
            CauseType: "interval", CauseId: $"{meter}:2026-11-20T00:00Z", Note: "18 kWh Valley x 0.35 = 6.3"), CancellationToken.None);
        await using var ctx = CashierComponentContext.Create("zh-CN", bed.Desk.Bed.Database, bed.Desk.Bed.Clock, "cashier", Roles.Finance);
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

        var cut = ctx.Render<AccountLedger>(p => p.Add(x => x.AccountId, account).Add(x => x.Zone, zone));

        cut.WaitForAssertion(() => Assert.Contains("电费：M1，2026-11-20 08:00 起的时段", cut.Find("[data-testid=ledger-rows]").TextContent), TimeSpan.FromSeconds(5));
        var text = cut.Find("[data-testid=ledger-rows]").TextContent;
        Assert.Contains("2026-11 物业费", text);
        Assert.Contains("期初余额", text);
        Assert.Contains($"充值，收据 {recharge.Receipt.Number}", text);
        Assert.DoesNotContain("Property fee", text);
        Assert.DoesNotContain("Valley", text);
        Assert.Contains(cut.FindAll("[data-testid^=ledger-desc-]"), d => d.GetAttribute("title") == "18 kWh Valley x 0.35 = 6.3");
    }

    [Fact]
    public void LedgerDescriptions_IntervalCauseId_ParsesMeterAndUtcStart()
    {
        Assert.Equal((12, new DateTimeOffset(2026, 11, 20, 16, 15, 0, TimeSpan.Zero)), Prepaid.App.Accounts.LedgerDescriptions.ParseInterval("12:2026-11-20T16:15Z"));
        Assert.Null(Prepaid.App.Accounts.LedgerDescriptions.ParseInterval("2026-11"));
        Assert.Null(Prepaid.App.Accounts.LedgerDescriptions.ParseInterval("x:2026-11-20T16:15Z"));
    }

    [Fact]
    public async Task AccountPage_MeterBilledAccount_ShowsWhatEachMeterHoldsAndNamesTheLedgerBalance()
    {
        await using var bed = await AccountTestBed.CreateAsync();
        var account = bed.Desk.AccountIds[0];
        await bed.Desk.RechargeAsync(account, 300m);
        await bed.GiveLiveReadingsAsync(bed.MeterIds[0]);
        await using (var db = bed.Desk.Bed.Database.CreateDbContext())
        {
            var live = db.MeterLiveStates.Single(s => s.MeterId == bed.MeterIds[0]);
            live.RemainingYuan = 1787.51m;
            db.MeterLiveStates.Add(new MeterLiveState
            {
                MeterId = bed.MeterIds[1], Quality = ValueQuality.Good, UpdatedAt = live.UpdatedAt, LastGoodAt = live.LastGoodAt, RemainingYuan = 1878.74m,
            });
            await db.SaveChangesAsync();
        }

        await using var ctx = CashierComponentContext.Create("en", bed.Desk.Bed.Database, bed.Desk.Bed.Clock, "cashier", Roles.Finance);
        var cut = ctx.Render<AccountPage>(p => p.Add(x => x.AccountId, account));

        cut.WaitForAssertion(() => Assert.Equal("¥3,666.25", cut.Find("[data-testid=meter-held-total]").TextContent.Trim()), TimeSpan.FromSeconds(5));
        Assert.Contains("M1: ¥1,787.51, read 20", cut.Find($"[data-testid=meter-held-{bed.MeterIds[0]}]").TextContent);
        Assert.Contains("M2: ¥1,878.74", cut.Find($"[data-testid=meter-held-{bed.MeterIds[1]}]").TextContent);
        Assert.Equal("Held by the platform (negative: fees owed)", cut.Find("[data-testid=account-balance-label]").TextContent.Trim());
        Assert.Contains("The account figure ¥300.00 is what the platform holds for the shop", cut.Find("[data-testid=meter-held-explain]").TextContent);
    }

    [Fact]
    public async Task RechargePanel_MeterBilledAccountInChinese_ShowsMeterAmountsAndAnUnreadMeter()
    {
        await using var bed = await AccountTestBed.CreateAsync();
        await bed.GiveLiveReadingsAsync(bed.MeterIds[0]);
        await using var ctx = CashierComponentContext.Create("zh-CN", bed.Desk.Bed.Database, bed.Desk.Bed.Clock, "cashier", Roles.Finance);
        var cut = ctx.Render<Prepaid.App.Accounts.Pages.RechargePanel>();

        cut.Find("input[data-testid=desk-search], [data-testid=desk-search] input").Input("A0001");
        bed.Desk.Bed.Clock.Advance(TimeSpan.FromMilliseconds(250));   // the search field's debounce
        cut.WaitForElement("[data-testid=pick-A0001]", TimeSpan.FromSeconds(5)).Click();

        cut.WaitForAssertion(() => Assert.Contains("¥10.00（1 块表尚未读到）", cut.Find("[data-testid=meter-held-total]").TextContent), TimeSpan.FromSeconds(5));
        Assert.Contains("M2：尚未读到", cut.Find($"[data-testid=meter-held-{bed.MeterIds[1]}]").TextContent);
        Assert.Contains("平台账户（负数为欠费）", cut.Find("[data-testid=desk-account]").TextContent);
        Assert.Contains("表内计费", cut.Find("[data-testid=meter-held-explain]").TextContent);
    }
}
