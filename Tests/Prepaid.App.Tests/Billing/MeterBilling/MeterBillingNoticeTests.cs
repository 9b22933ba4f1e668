using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Prepaid.App.Billing.MeterBilling;
using Prepaid.App.Kernel.Live;
using Prepaid.Domain.Billing;
using Prepaid.Domain.Model;

namespace Prepaid.App.Tests.Billing.MeterBilling;

public sealed class MeterBillingNoticeTests
{
    [Fact]
    public async Task Check_RemainingAmountFallsRisesAndFallsAgain_OneNoticePerLevelPerDescentAndNoneRepeatedAfterARestart()
    {
        await using var world = await BillingWorld.CreateAsync();
        Meter meter, platform;
        int tenantId, accountId;
        await using (var db = world.Database.CreateDbContext())
        {
            (tenantId, accountId) = await world.AddAccountAsync(db, "N1", a => (a.AlarmAmount1, a.AlarmAmount2) = (50m, 20m));
            meter = await world.AddMeterAsync(db, accountId, MeterProfile.PrepaidSinglePhase, BillingMode.Meter);
            var (_, other) = await world.AddAccountAsync(db, "N2", a => (a.AlarmAmount1, a.AlarmAmount2) = (50m, 20m));
            platform = await world.AddMeterAsync(db, other, MeterProfile.PrepaidSinglePhase, BillingMode.Platform);
        }

        var cache = new LiveStateCache(world.Database, new LiveStateNotifier(world.Clock, NullLogger<LiveStateNotifier>.Instance));
        MeterBillingNoticeService Start() => new(world.Database, cache, world.Clock, NullLogger<MeterBillingNoticeService>.Instance);
        var service = Start();
        async Task<int> Remaining(MeterBillingNoticeService s, decimal yuan, int meterId)
        {
            world.Clock.Advance(TimeSpan.FromSeconds(10));
            var now = world.Clock.GetUtcNow();
            cache.Apply([new MeterLiveState { MeterId = meterId, Quality = ValueQuality.Good, UpdatedAt = now, LastGoodAt = now, RemainingYuan = yuan }]);
            return await s.CheckAsync(new HashSet<int> { meterId }, default);
        }

        var stored = new List<int>();
        foreach (var yuan in new[] { 60m, 45m, 44m, 15m, 30m, 10m, -1m })
        {
            stored.Add(await Remaining(service, yuan, meter.Id));
        }

        var afterRestart = await Remaining(Start(), -2m, meter.Id);
        var platformMeter = await Remaining(service, -5m, platform.Id);

        Assert.Equal([0, 1, 0, 1, 0, 1, 1], stored);
        Assert.Equal((0, 0), (afterRestart, platformMeter));
        await using var check = world.Database.CreateDbContext();
        var notices = await check.TenantNotices.AsNoTracking().OrderBy(n => n.Id).ToListAsync();
        Assert.Equal([NoticeLevel.Level1, NoticeLevel.Level2, NoticeLevel.Level2, NoticeLevel.Level3], notices.Select(n => n.Level));
        Assert.Equal([45m, 15m, 10m, -1m], notices.Select(n => n.Balance));
        Assert.All(notices, n => Assert.Equal((tenantId, accountId, (int?)meter.Id, TenantNotice.PendingChannel), (n.TenantId, n.AccountId, n.MeterId, n.Channel)));
    }
}
