using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Prepaid.Acquisition.Simulator;
using Prepaid.App.Meters.Commands;
using Prepaid.App.Kernel.Security;
using Prepaid.App.Kernel.Live;
using Prepaid.App.Tests.Identity;
using Prepaid.App.Tests.Meters.KeepPower;
using Prepaid.Domain.Model;
using Prepaid.Domain.Security;

namespace Prepaid.App.Tests.Meters.Commands;

public sealed class MeterBatchServiceTests
{
    private static readonly System.Security.Claims.ClaimsPrincipal Electrician = AccessMatrixTests.Principal("electrician", Roles.DutyElectrician);
    private static readonly System.Security.Claims.ClaimsPrincipal Manager = AccessMatrixTests.Principal("manager", Roles.Manager);

    /// <summary>Shop meters that bill by themselves, several on the first bus and some on others.</summary>
    private static async Task<List<(int Id, int BusId)>> ShopMetersAsync(KeepPowerHost host)
    {
        await using var db = await host.DbAsync();
        var meters = await db.Meters.Where(m => m.Profile == MeterProfile.PrepaidSinglePhase && m.BillingMode == BillingMode.Meter)
            .OrderBy(m => m.BusId).ThenBy(m => m.Id).Select(m => new { m.Id, m.BusId }).ToListAsync();
        var firstBus = meters[0].BusId;
        return [.. meters.Where(m => m.BusId == firstBus).Take(4).Concat(meters.Where(m => m.BusId != firstBus).DistinctBy(m => m.BusId).Take(2))
            .Select(m => (m.Id, m.BusId))];
    }

    [Fact]
    public async Task Trip_SixMetersOnThreeBuses_AllConfirmedJournaledWithTheBatchReasonOneCommandAtATimePerBus()
    {
        await using var host = await KeepPowerHost.StartAsync();
        var service = host.Services.GetRequiredService<MeterBatchService>();
        var meters = await ShopMetersAsync(host);
        var busOf = meters.ToDictionary(m => m.Id, m => m.BusId);
        var maxRunningPerBus = 0;
        MeterBatch? batch = null;
        var gate = new object();

        batch = await service.StartAsync(Electrician, MeterBatchAction.Trip, [.. meters.Select(m => m.Id)], "Fire drill in zone B", null, "10.0.0.9", CancellationToken.None);
        using (batch.Subscribe(() =>
        {
            lock (gate)
            {
                var running = batch.Items.Where(i => i.State == MeterBatchItemState.Running).GroupBy(i => busOf[i.MeterId]).Select(g => g.Count()).DefaultIfEmpty(0).Max();
                maxRunningPerBus = Math.Max(maxRunningPerBus, running);
            }
        }))
        {
            await batch.Completion.WaitAsync(TimeSpan.FromSeconds(60));
        }

        Assert.All(batch.Items, i => Assert.Equal(MeterBatchItemState.Confirmed, i.State));
        Assert.Equal((6, 6, 0, 0), (batch.Done, batch.Count(MeterBatchItemState.Confirmed), batch.Count(MeterBatchItemState.Failed), batch.Count(MeterBatchItemState.Refused)));
        Assert.NotNull(batch.CompletedAt);
        Assert.Equal(1, maxRunningPerBus);
        Assert.All(meters, m => Assert.False(host.Meter(m.Id).RelayClosed));
        await using var db = await host.DbAsync();
        var journal = await db.MeterCommands.ToListAsync();
        Assert.Equal(6, journal.Count);
        Assert.All(journal, c => Assert.Equal((MeterCommandKind.Trip, "electrician", "Fire drill in zone B", MeterCommandState.Confirmed), (c.Kind, c.RequestedBy, c.Reason, c.State)));
        Assert.Equal(6, await db.AuditEntries.CountAsync(a => a.Action == "meter.trip" && a.Address == "10.0.0.9"));
    }

    [Fact]
    public async Task PushPrices_MixedSelection_RefusesWhatDoesNotFitWithTheReasonAndDoesTheRest()
    {
        await using var host = await KeepPowerHost.StartAsync();
        var service = host.Services.GetRequiredService<MeterBatchService>();
        var meterId = (await ShopMetersAsync(host))[0].Id;
        await using var db = await host.DbAsync();
        var water = await db.Meters.Where(m => m.Profile == MeterProfile.PrepaidWater).Select(m => m.Id).FirstAsync();
        var platform = await db.Meters.Where(m => m.Role == MeterRole.Tenant && m.BillingMode == BillingMode.Platform).Select(m => m.Id).FirstAsync();
        var admin = AccessMatrixTests.Principal("admin", Roles.Administrator);

        var batch = await service.StartAsync(admin, MeterBatchAction.PushPrices, [meterId, water, platform, 999_999], "2027 tariff", null, null, CancellationToken.None);
        await batch.Completion.WaitAsync(TimeSpan.FromSeconds(60));

        var items = batch.Items.ToDictionary(i => i.MeterId);
        Assert.Equal(MeterBatchItemState.Confirmed, items[meterId].State);
        Assert.Equal(MeterBatchItemState.Refused, items[water].State);
        Assert.Contains("PrepaidWater", items[water].Detail);
        Assert.Equal(MeterBatchItemState.Refused, items[platform].State);
        Assert.Equal(MeterBatchItemState.Refused, items[999_999].State);
        Assert.Contains("999999", items[999_999].Detail);
        Assert.Equal(1, await db.MeterCommands.CountAsync());
    }

    [Fact]
    public async Task ReadState_GoodAndSilentMeters_FreshReadConfirmedOrFailed()
    {
        await using var host = await KeepPowerHost.StartAsync();
        var service = host.Services.GetRequiredService<MeterBatchService>();
        var meters = await ShopMetersAsync(host);
        var (good, silent) = (meters[0].Id, meters[1].Id);
        host.Simulator.SetMeterFault(silent.ToString(System.Globalization.CultureInfo.InvariantCulture), new SimulatedFault(SimulatedFaultKind.Silent));
        var meter = host.Meter(good);
        lock (meter.Bank.SyncRoot)
        {
            meter.Model.Forced = ForcedControl.Trip; // changed behind the platform's back: only a fresh read shows it
        }
        var cache = host.Services.GetRequiredService<LiveStateCache>();

        var batch = await service.StartAsync(Electrician, MeterBatchAction.ReadState, [good, silent], "Check after storm", null, null, CancellationToken.None);
        await batch.Completion.WaitAsync(TimeSpan.FromSeconds(60));

        var items = batch.Items.ToDictionary(i => i.MeterId);
        Assert.Equal(MeterBatchItemState.Confirmed, items[good].State);
        Assert.Equal(MeterBatchItemState.Failed, items[silent].State);
        await Eventually.HoldsAsync(async () => (await cache.GetAsync(good, CancellationToken.None))?.SupplyOn == false,
            "the fresh read to reach the live cache", TimeSpan.FromSeconds(5));
        await using var db = await host.DbAsync();
        Assert.Equal(0, await db.MeterCommands.CountAsync());
    }

    [Fact]
    public async Task KeepPower_ManagerWithExpiry_GrantsAPeriodPerMeter()
    {
        await using var host = await KeepPowerHost.StartAsync();
        var service = host.Services.GetRequiredService<MeterBatchService>();
        var meters = (await ShopMetersAsync(host)).Take(2).Select(m => m.Id).ToList();
        var until = host.Clock.GetUtcNow().AddHours(12);

        var batch = await service.StartAsync(Manager, MeterBatchAction.KeepPower, meters, "Night market", until, null, CancellationToken.None);
        await batch.Completion.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.All(batch.Items, i => Assert.Equal(MeterBatchItemState.Confirmed, i.State));
        await using var db = await host.DbAsync();
        var periods = await db.KeepPowerPeriods.OrderBy(p => p.MeterId).ToListAsync();
        Assert.Equal(meters.Order(), periods.Select(p => p.MeterId));
        Assert.All(periods, p => Assert.Equal((until, "Night market", "manager"), (p.ExpiresAt, p.Reason, p.GrantedBy)));
        Assert.All(meters, m => Assert.Equal(ForcedControl.KeepPower, host.Meter(m).Model.Forced));
    }

    [Fact]
    public async Task Start_WithoutPermissionOrWithBadInput_IsRefusedBeforeAnythingRuns()
    {
        await using var factory = new Support.PrepaidAppFactory();
        using var _ = factory.CreateClient();
        var service = factory.Services.GetRequiredService<MeterBatchService>();
        var now = DateTimeOffset.UtcNow;
        async Task<string> Code(MeterBatchAction action, int[] ids, string reason, DateTimeOffset? until) =>
            (await Assert.ThrowsAsync<MeterCommandRefusedException>(() => service.StartAsync(Manager, action, ids, reason, until, null, CancellationToken.None))).Code;

        await Assert.ThrowsAsync<PermissionDeniedException>(() => service.StartAsync(Electrician, MeterBatchAction.KeepPower, [1], "x", now.AddHours(1), null, CancellationToken.None));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => service.StartAsync(Manager, MeterBatchAction.PushPrices, [1], "x", null, null, CancellationToken.None));
        await Assert.ThrowsAsync<PermissionDeniedException>(() =>
            service.StartAsync(AccessMatrixTests.Principal("cashier", Roles.Finance), MeterBatchAction.ReadState, [1], "x", null, null, CancellationToken.None));
        Assert.Equal("selection", await Code(MeterBatchAction.Trip, [], "Drill", null));
        Assert.Equal("reason", await Code(MeterBatchAction.Trip, [1], " ", null));
        Assert.Equal("expiry-past", await Code(MeterBatchAction.KeepPower, [1], "Market", null));
        Assert.Equal("expiry-too-far", await Code(MeterBatchAction.KeepPower, [1], "Market", now.AddDays(60)));
        await using var db = await factory.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Prepaid.App.Persistence.PrepaidDb>>().CreateDbContextAsync();
        Assert.Equal(0, await db.MeterCommands.CountAsync());
    }
}
