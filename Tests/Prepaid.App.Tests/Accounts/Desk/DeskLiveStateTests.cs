using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Prepaid.Acquisition.Drivers;
using Prepaid.App.Accounts.Pages;
using Prepaid.App.Kernel.Live;
using Prepaid.App.Tests.Billing.MeterBilling;
using Prepaid.Domain.Model;
using Prepaid.Domain.Security;

namespace Prepaid.App.Tests.Accounts.Desk;

public sealed class DeskLiveStateTests
{
    private static MeterLiveState State(int meterId, bool on, decimal remaining, DateTimeOffset at) =>
        new() { MeterId = meterId, Quality = ValueQuality.Good, UpdatedAt = at, LastGoodAt = at, RemainingYuan = remaining, SupplyOn = on };

    [Theory]
    [InlineData("en", "power off", "Power back at 16:27:06", "¥211.58 in the meter")]
    [InlineData("zh-CN", "已断电", "16:27:06 恢复供电", "表内余额 ¥211.58")]
    public async Task DeskLiveState_MeterReportsPowerBack_UpdatesWithoutReload(string culture, string off, string back, string money)
    {
        await using var world = await BillingWorld.CreateAsync();
        int accountId, meterId;
        await using (var db = world.Database.CreateDbContext())
        {
            (_, accountId) = await world.AddAccountAsync(db, "S81");
            meterId = (await world.AddMeterAsync(db, accountId, MeterProfile.PrepaidSinglePhase, BillingMode.Meter, configure: m => m.Name = "E-S81")).Id;
        }

        await using var ctx = CashierComponentContext.Create(culture, world.Database, world.Clock, "cashier", Roles.Finance);
        var cache = ctx.Services.GetRequiredService<LiveStateCache>();
        var tripped = new DateTimeOffset(2026, 12, 6, 16, 20, 0, TimeSpan.Zero);
        cache.Apply([State(meterId, false, 11.58m, tripped)]);
        var desk = ctx.Render<DeskLiveState>(p => p.Add(x => x.AccountId, accountId).Add(x => x.Zone, TimeZoneInfo.Utc));
        desk.WaitForAssertion(() => Assert.Contains(off, desk.Find($"[data-testid=desk-live-{meterId}]").TextContent), TimeSpan.FromSeconds(5));

        cache.Apply([State(meterId, true, 211.58m, tripped.AddSeconds(426))]);

        desk.WaitForAssertion(() => Assert.Contains(back, desk.Find($"[data-testid=desk-live-change-{meterId}]").TextContent), TimeSpan.FromSeconds(5));
        Assert.Contains(money, desk.Find($"[data-testid=desk-live-{meterId}]").TextContent, StringComparison.Ordinal);
    }
}
