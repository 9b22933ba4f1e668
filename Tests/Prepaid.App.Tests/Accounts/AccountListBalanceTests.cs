using Bunit;
using Microsoft.EntityFrameworkCore;
using Prepaid.App.Accounts.Pages;
using Prepaid.App.Tests.Accounts.Desk;
using Prepaid.Domain.Model;
using Prepaid.Domain.Security;

namespace Prepaid.App.Tests.Accounts;

/// <summary>The account lists show the money that counts: what the meters hold for meter billing, the ledger balance
/// for platform billing, and the ledger balance beside it under its own label.</summary>
public sealed class AccountListBalanceTests
{
    /// <summary>Account A0001 bills in its meters (M1 read at ¥1,787.51, M2 read at ¥1,878.74), A0002 is platform-billed;
    /// both have ¥300 paid in.</summary>
    private static async Task<AccountTestBed> BedAsync(bool readSecondMeter)
    {
        var bed = await AccountTestBed.CreateAsync();
        await bed.Desk.RechargeAsync(bed.Desk.AccountIds[0], 300m);
        await bed.Desk.RechargeAsync(bed.Desk.AccountIds[1], 300m);
        await bed.GiveLiveReadingsAsync(readSecondMeter ? [bed.MeterIds[0], bed.MeterIds[1], bed.MeterIds[3]] : [bed.MeterIds[0], bed.MeterIds[3]]);
        await using var db = bed.Desk.Bed.Database.CreateDbContext();
        await db.MeterLiveStates.Where(s => s.MeterId == bed.MeterIds[0]).ExecuteUpdateAsync(u => u.SetProperty(s => s.RemainingYuan, 1787.51m));
        await db.MeterLiveStates.Where(s => s.MeterId == bed.MeterIds[1]).ExecuteUpdateAsync(u => u.SetProperty(s => s.RemainingYuan, 1878.74m));
        await db.Meters.Where(m => m.Id == bed.MeterIds[3]).ExecuteUpdateAsync(u => u.SetProperty(m => m.BillingMode, BillingMode.Platform));
        return bed;
    }

    [Fact]
    public async Task SearchAsync_MeterAndPlatformBilled_AvailableIsMeterSumOrLedgerBalance()
    {
        await using var bed = await BedAsync(readSecondMeter: true);

        var rows = (await bed.Directory.SearchAsync(null, false, 0, 10, CancellationToken.None)).Rows;

        var meterBilled = rows.Single(r => r.Number == "A0001");
        var platform = rows.Single(r => r.Number == "A0002");
        Assert.Equal(3666.25m, meterBilled.Available);
        Assert.Equal(300m, meterBilled.Balance);
        Assert.Equal(bed.Desk.Bed.Clock.GetUtcNow(), meterBilled.Held!.OldestReadAt);
        Assert.Null(platform.Held);
        Assert.Equal(300m, platform.Available);
    }

    [Fact]
    public async Task SearchAsync_UnreadMeter_AvailableIsUnknownNotZero()
    {
        await using var bed = await BedAsync(readSecondMeter: false);

        var row = (await bed.Directory.SearchAsync("A0001", false, 0, 10, CancellationToken.None)).Rows.Single();

        Assert.Null(row.Available);
        Assert.Equal(1, row.Held!.Unread);
        Assert.Equal(1787.51m, row.Held.ReadSum);
    }

    [Fact]
    public async Task TenantsPage_MeterAndPlatformBilled_ShowsMoneyInMetersAndLedgerBalanceColumn()
    {
        await using var bed = await BedAsync(readSecondMeter: true);
        await using var ctx = CashierComponentContext.Create("en", bed.Desk.Bed.Database, bed.Desk.Bed.Clock, "cashier", Roles.Finance);

        var cut = ctx.Render<TenantsPage>();

        cut.WaitForAssertion(() => Assert.Equal("¥3,666.25 in meters", cut.Find("[data-testid=available-A0001]").TextContent.Trim()), TimeSpan.FromSeconds(5));
        Assert.Equal("meters", cut.Find("[data-testid=available-A0001]").GetAttribute("data-kind"));
        Assert.Equal("¥300.00", cut.Find("[data-testid=available-A0002]").TextContent.Trim());
        Assert.Null(cut.Find("[data-testid=available-A0002]").GetAttribute("data-kind"));
        Assert.Equal("¥300.00", cut.Find("[data-testid=balance-A0001]").TextContent.Trim());
        Assert.Contains("Held by the platform (negative: fees owed)", cut.Find("[data-testid=tenants-grid] thead").TextContent);
        Assert.Contains("Money available", cut.Find("[data-testid=tenants-grid] thead").TextContent);
    }

    [Fact]
    public async Task RechargePanel_UnreadMeterInChinese_SearchResultShowsUnknownInMeters()
    {
        await using var bed = await BedAsync(readSecondMeter: false);
        await using var ctx = CashierComponentContext.Create("zh-CN", bed.Desk.Bed.Database, bed.Desk.Bed.Clock, "cashier", Roles.Finance);
        var cut = ctx.Render<Prepaid.App.Accounts.Pages.RechargePanel>();

        cut.Find("input[data-testid=desk-search], [data-testid=desk-search] input").Input("A000");
        bed.Desk.Bed.Clock.Advance(TimeSpan.FromMilliseconds(250));   // the search field's debounce

        cut.WaitForAssertion(() => Assert.Equal("未知（表内）", cut.Find("[data-testid=available-A0001]").TextContent.Trim()), TimeSpan.FromSeconds(5));
        Assert.Equal("¥300.00", cut.Find("[data-testid=available-A0002]").TextContent.Trim());
        Assert.Equal("¥300.00", cut.Find("[data-testid=desk-ledger-A0001]").TextContent.Trim());
        Assert.Contains("平台账户（负数为欠费）", cut.Find("[data-testid=desk-results] thead").TextContent);
    }
}
