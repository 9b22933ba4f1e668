using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Prepaid.Acquisition.Drivers;
using Prepaid.App.Alarms;
using Prepaid.Domain.Alarms;
using Prepaid.Domain.Model;
using Xunit.Abstractions;

namespace Prepaid.App.Tests.Alarms;

public sealed class AlarmSourcesTests(ITestOutputHelper output)
{
    private static async Task<(int Gateway, int Bus, int[] Meters)> FirstGatewayAsync(AlarmTestHost host)
    {
        await using var db = host.Database.CreateDbContext();
        var gateway = await db.Gateways.Include(g => g.Buses).ThenInclude(b => b.Meters).OrderBy(g => g.Id).FirstAsync();
        var bus = gateway.Buses.OrderBy(b => b.Id).First();
        return (gateway.Id, bus.Id, [.. bus.Meters.OrderBy(m => m.Id).Select(m => m.Id)]);
    }

    private static async Task AddEventsAsync(AlarmTestHost host, params MeterEvent[] events)
    {
        await using var db = host.Database.CreateDbContext();
        db.MeterEvents.AddRange(events);
        await db.SaveChangesAsync();
    }

    private static MeterEvent Event(MeterEventKind kind, AlarmSourceKind sourceKind, int id, DateTimeOffset at) =>
        new() { Kind = kind, SourceKind = sourceKind, SourceId = id, At = at, Detail = kind.ToString() };

    [Fact]
    public async Task PollOnce_StoredEventsAndFailedCommands_RaiseTheirAlarms()
    {
        await using var host = await AlarmTestHost.CreateAsync(seedDemo: true);
        var (_, _, meters) = await FirstGatewayAsync(host);
        await AddEventsAsync(host,
            Event(MeterEventKind.MeterLost, AlarmSourceKind.Meter, meters[0], host.Now),
            Event(MeterEventKind.AbsurdDelta, AlarmSourceKind.Meter, meters[1], host.Now));
        await using (var db = host.Database.CreateDbContext())
        {
            db.MeterCommands.Add(new MeterCommand
            {
                MeterId = meters[2], Kind = MeterCommandKind.Trip, State = MeterCommandState.Failed, RequestedAt = host.Now, CompletedAt = host.Now,
                RequestedBy = "electrician", Reason = "test", Error = "no read-back",
            });
            db.MeterCommands.Add(new MeterCommand
            {
                MeterId = meters[3], Kind = MeterCommandKind.Close, State = MeterCommandState.Confirmed, RequestedAt = host.Now, CompletedAt = host.Now,
                RequestedBy = "electrician", Reason = "test",
            });
            await db.SaveChangesAsync();
        }

        await host.Sources.PollOnceAsync(CancellationToken.None);
        await host.Sources.PollOnceAsync(CancellationToken.None);

        var lost = await host.AlarmAsync(AlarmSourceKind.Meter, meters[0], AlarmCondition.CommunicationLost);
        var delta = await host.AlarmAsync(AlarmSourceKind.Meter, meters[1], AlarmCondition.AbsurdEnergyDelta);
        var command = await host.AlarmAsync(AlarmSourceKind.Meter, meters[2], AlarmCondition.CommandFailed);
        Assert.Equal(AlarmState.ActiveUnacknowledged, lost.State);
        Assert.Equal(AlarmState.Latched, delta.State);
        Assert.Equal(AlarmState.ReturnedUnacknowledged, command.State);
        Assert.Contains("Trip Failed: no read-back", command.Message);
        await using var check = host.Database.CreateDbContext();
        Assert.Equal(3, await check.Alarms.CountAsync());
        Assert.Equal(2, await check.AlarmJournal.CountAsync(j => j.AlarmId == command.Id));
        var active = await host.Query.ActiveAsync(new AlarmFilter(Condition: AlarmCondition.CommunicationLost), CancellationToken.None);
        Assert.NotEqual($"Meter/{meters[0]}", active.Single().SourceName);
    }

    [Fact]
    public async Task GatewayLost_SuppressesItsMetersCommunicationAlarmsUntilItRecovers()
    {
        await using var host = await AlarmTestHost.CreateAsync(seedDemo: true);
        var (gateway, _, meters) = await FirstGatewayAsync(host);
        await AddEventsAsync(host, Event(MeterEventKind.MeterLost, AlarmSourceKind.Meter, meters[0], host.Now));
        await host.Sources.PollOnceAsync(CancellationToken.None);
        host.Clock.Advance(TimeSpan.FromSeconds(5));
        await AddEventsAsync(host,
            Event(MeterEventKind.GatewayLost, AlarmSourceKind.Gateway, gateway, host.Now),
            Event(MeterEventKind.MeterLost, AlarmSourceKind.Meter, meters[1], host.Now.AddSeconds(1)));
        await host.Sources.PollOnceAsync(CancellationToken.None);

        var suppressed = await host.AlarmAsync(AlarmSourceKind.Meter, meters[0], AlarmCondition.CommunicationLost);
        var lateMeter = await host.AlarmAsync(AlarmSourceKind.Meter, meters[1], AlarmCondition.CommunicationLost);
        var gatewayAlarm = await host.AlarmAsync(AlarmSourceKind.Gateway, gateway, AlarmCondition.CommunicationLost);
        var bannerDuringLoss = host.Service.Annunciation;
        var lateJournal = await host.JournalAsync(lateMeter.Id);

        host.Clock.Advance(TimeSpan.FromMinutes(1));
        await AddEventsAsync(host, Event(MeterEventKind.GatewayRecovered, AlarmSourceKind.Gateway, gateway, host.Now));
        await host.Sources.PollOnceAsync(CancellationToken.None);
        host.Clock.Advance(TimeSpan.FromSeconds(31));
        await host.Sources.PollOnceAsync(CancellationToken.None);

        Assert.Equal((AlarmState.Suppressed, $"Gateway/{gateway}"), (suppressed.State, suppressed.SuppressedBy));
        Assert.Equal(AlarmState.Suppressed, lateMeter.State);
        Assert.Equal([AlarmEventKind.Suppress, AlarmEventKind.ConditionActive], lateJournal.Select(j => j.Kind));
        Assert.DoesNotContain(lateJournal, j => j.Annunciated);
        Assert.Equal((AlarmState.ActiveUnacknowledged, AlarmPriority.High), (gatewayAlarm.State, gatewayAlarm.Priority));
        Assert.Equal(1, bannerDuringLoss.Count);
        Assert.Equal(AlarmState.ActiveUnacknowledged, (await host.AlarmAsync(AlarmSourceKind.Meter, meters[0], AlarmCondition.CommunicationLost)).State);
        Assert.Equal(AlarmState.ReturnedUnacknowledged, (await host.AlarmAsync(AlarmSourceKind.Gateway, gateway, AlarmCondition.CommunicationLost)).State);
        var afterRecovery = await host.JournalAsync(suppressed.Id);
        Assert.Equal([AlarmEventKind.ConditionActive, AlarmEventKind.Suppress, AlarmEventKind.Unsuppress], afterRecovery.Select(j => j.Kind));
        Assert.True(afterRecovery[^1].Annunciated);
    }

    [Fact]
    public async Task OnMetersChanged_BusAndGatewayLostBeforeRestart_ClearedByAGoodReadingAfterIt()
    {
        await using var host = await AlarmTestHost.CreateAsync(seedDemo: true);
        var (gateway, bus, meters) = await FirstGatewayAsync(host);
        int otherGateway;
        await using (var db = host.Database.CreateDbContext())
        {
            otherGateway = await db.Gateways.Where(g => g.Id != gateway).OrderBy(g => g.Id).Select(g => g.Id).FirstAsync();
        }

        {
            await AddEventsAsync(host,
                Event(MeterEventKind.BusLost, AlarmSourceKind.Bus, bus, host.Now),
                Event(MeterEventKind.GatewayLost, AlarmSourceKind.Gateway, gateway, host.Now),
                Event(MeterEventKind.GatewayLost, AlarmSourceKind.Gateway, otherGateway, host.Now));
            await host.Sources.PollOnceAsync(CancellationToken.None);

            // A restart: a new engine and sources over the same database; the new poller finds everything answering
            // on the first gateway and never reports its bus or gateway as lost, so no "recovered" event ever comes.
            host.Clock.Advance(TimeSpan.FromMinutes(10));
            var restarted = host.Restarted();
            await restarted.TickAsync();
            var sources = new AlarmSourcesHostedService(host.Database, restarted, host.LiveNotifier, host.Cache,
                Microsoft.Extensions.Options.Options.Create(new AlarmOptions()), host.Clock,
                Microsoft.Extensions.Logging.Abstractions.NullLogger<AlarmSourcesHostedService>.Instance, new Prepaid.App.Kernel.Hosting.StartGate(), []);
            host.Cache.Apply([State(meters[0], MeterStatusFlags.PrepaidEnabled, true, host.Now)]);
            await sources.OnMetersChangedAsync(new HashSet<int> { meters[0] }, CancellationToken.None);
            host.Clock.Advance(TimeSpan.FromMinutes(1));
            await restarted.TickAsync();

            Assert.False((await host.AlarmAsync(AlarmSourceKind.Bus, bus, AlarmCondition.CommunicationLost)).ConditionActive);
            Assert.False((await host.AlarmAsync(AlarmSourceKind.Gateway, gateway, AlarmCondition.CommunicationLost)).ConditionActive);
            Assert.True((await host.AlarmAsync(AlarmSourceKind.Gateway, otherGateway, AlarmCondition.CommunicationLost)).ConditionActive);
        }
    }

    [Fact]
    public async Task OnMetersChanged_ReadingOlderThanTheBusLoss_LeavesTheBusLost()
    {
        await using var host = await AlarmTestHost.CreateAsync(seedDemo: true);
        var (_, bus, meters) = await FirstGatewayAsync(host);
        var before = host.Now;
        host.Clock.Advance(TimeSpan.FromSeconds(30));
        await AddEventsAsync(host, Event(MeterEventKind.BusLost, AlarmSourceKind.Bus, bus, host.Now));
        await host.Sources.PollOnceAsync(CancellationToken.None);

        host.Cache.Apply([State(meters[0], MeterStatusFlags.PrepaidEnabled, true, before)]);
        await host.Sources.OnMetersChangedAsync(new HashSet<int> { meters[0] }, CancellationToken.None);
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        await host.Sources.PollOnceAsync(CancellationToken.None);

        Assert.True((await host.AlarmAsync(AlarmSourceKind.Bus, bus, AlarmCondition.CommunicationLost)).ConditionActive);
    }

    [Fact]
    public async Task OnMetersChanged_FaultBitAndOverPowerTrip_RaiseAndClearTheirAlarms()
    {
        await using var host = await AlarmTestHost.CreateAsync();
        await host.Service.TickAsync();
        var faulty = State(1, MeterStatusFlags.Fault, supplyOn: true, host.Now);
        var tripped = State(2, MeterStatusFlags.OverPower, supplyOn: false, host.Now);

        host.Cache.Apply([faulty, tripped]);
        await host.Sources.OnMetersChangedAsync(new HashSet<int> { 1, 2 }, CancellationToken.None);
        host.Clock.Advance(TimeSpan.FromSeconds(5));
        host.Cache.Apply([State(1, MeterStatusFlags.None, supplyOn: true, host.Now), State(2, MeterStatusFlags.None, supplyOn: true, host.Now)]);
        await host.Sources.OnMetersChangedAsync(new HashSet<int> { 1, 2 }, CancellationToken.None);

        Assert.Equal(AlarmState.ReturnedUnacknowledged, (await host.AlarmAsync(AlarmSourceKind.Meter, 1, AlarmCondition.MeterFault)).State);
        Assert.Equal(AlarmState.Latched, (await host.AlarmAsync(AlarmSourceKind.Meter, 2, AlarmCondition.OverPowerTrip)).State);
        await using var db = host.Database.CreateDbContext();
        Assert.Equal(2, await db.Alarms.CountAsync());
    }

    [Fact]
    public async Task OnMetersChanged_382HealthyMeters_CostsLittle()
    {
        await using var host = await AlarmTestHost.CreateAsync();
        await host.Service.TickAsync();
        var ids = Enumerable.Range(1, 382).ToHashSet();
        host.Cache.Apply(ids.Select(id => State(id, MeterStatusFlags.PrepaidEnabled, true, host.Now)));
        await host.Sources.OnMetersChangedAsync(ids, CancellationToken.None);

        var watch = Stopwatch.StartNew();
        for (var round = 0; round < 100; round++)
        {
            await host.Sources.OnMetersChangedAsync(ids, CancellationToken.None);
        }

        watch.Stop();
        output.WriteLine($"382 meters: {watch.Elapsed.TotalMilliseconds / 100:F3} ms per batch");
        // Generous bound: the point is that a healthy batch does no database work at all.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"{watch.Elapsed} for 100 batches");
        Assert.Equal(0, await host.JournalCountAsync());
    }

    [Fact]
    public async Task PollOnce_NothingNew_CostsLittle()
    {
        await using var host = await AlarmTestHost.CreateAsync();
        await host.Sources.PollOnceAsync(CancellationToken.None);
        var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;

        var watch = Stopwatch.StartNew();
        for (var round = 0; round < 50; round++)
        {
            await host.Sources.PollOnceAsync(CancellationToken.None);
        }

        watch.Stop();
        var used = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu;
        output.WriteLine($"one poll round: {watch.Elapsed.TotalMilliseconds / 50:F2} ms elapsed, {used.TotalMilliseconds / 50:F2} ms CPU (process, all threads)");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"{watch.Elapsed} for 50 rounds");
        Assert.Equal(0, await host.JournalCountAsync());
    }

    private static MeterLiveState State(int id, MeterStatusFlags flags, bool supplyOn, DateTimeOffset at) => new()
    {
        MeterId = id, Quality = ValueQuality.Good, UpdatedAt = at, LastGoodAt = at, StatusFlags = (int)flags, SupplyOn = supplyOn, PowerKw = 1m,
    };
}
