using Microsoft.Extensions.Logging;
using Prepaid.Acquisition.Drivers;
using Prepaid.Acquisition.Polling;
using Prepaid.Acquisition.Simulator;
using Prepaid.Acquisition.Tests.Logging;

namespace Prepaid.Acquisition.Tests.Polling;

public class AcquisitionEngineTests
{
    private static readonly string[] AllMeters = ["shop-1", "restaurant-2", "lighting-3", "water-1", "incomer"];

    // A gateway outside the simulated mall, numbered clear of the harness's ids.
    private const int Ghost = 100;
    private const int GhostBus1 = 101;
    private const int GhostMeter1 = 1001;

    [Fact]
    public async Task RunAsync_SmallMall_ReadingsArriveForEveryMeter()
    {
        await using var h = new PollingHarness();
        await h.StartAsync();

        await h.WaitForGoodReadingsAsync(AllMeters);

        Assert.All(h.Readings.Readings.Where(r => r.Reading.IsGood), r => Assert.Equal(r.Reading.Profile,
            h.Mall.Topology.Meters().Single(m => m.Meter.Key == h.MeterKey(r.MeterId)).Meter.Settings.Profile));
        // The full read adds the prepaid parameter block for prepaid electricity meters only.
        await Eventually.HoldsAsync(() => h.Readings.Readings.Any(r => r.MeterId == h.MeterId("shop-1") && r.Parameters is not null), "a full read of shop-1");
        Assert.DoesNotContain(h.Readings.Readings, r => (r.MeterId == h.MeterId("lighting-3") || r.MeterId == h.MeterId("water-1")) && r.Parameters is not null);
        await Eventually.HoldsAsync(() => h.Engine.GetSnapshot().Meters.All(m => m.State == MeterCommState.Online), "every meter online");
        var freshness = h.Engine.GetSnapshot().Freshness();
        Assert.Equal(5, freshness.Meters);
        Assert.Equal(0, freshness.NeverRead);
        Assert.True(freshness.P50 <= freshness.P99 && freshness.P99 <= freshness.Max && freshness.Max <= h.Options.StaleAfter);
    }

    [Fact]
    public async Task RunAsync_SilentMeter_BacksOffIsReportedLostAndRecovers()
    {
        await using var h = new PollingHarness();
        await h.StartAsync();
        await h.WaitForGoodReadingsAsync(AllMeters);
        var seen = new List<CommunicationEvent>();

        h.Mall.SetMeterFault("shop-1", new SimulatedFault(SimulatedFaultKind.Silent));
        var lost = await Eventually.NextAsync(h.Events.Reader, e => e.Kind == CommunicationEventKind.MeterLost, "a MeterLost event", seen);
        var atLoss = h.Engine.GetSnapshot();
        h.Mall.SetMeterFault("shop-1", new SimulatedFault(SimulatedFaultKind.None));
        var recovered = await Eventually.NextAsync(h.Events.Reader, e => e.Kind == CommunicationEventKind.MeterRecovered, "a MeterRecovered event", seen);

        Assert.Equal(h.MeterId("shop-1"), lost.MeterId);
        Assert.Equal(h.MeterId("shop-1"), recovered.MeterId);
        Assert.Equal(2, seen.Count);
        var silent = atLoss.Meter(h.MeterId("shop-1"))!;
        var neighbour = atLoss.Meter(h.MeterId("restaurant-2"))!;
        Assert.Equal(MeterCommState.Lost, silent.State);
        Assert.True(silent.BackoffMultiplier > 1, $"back-off {silent.BackoffMultiplier}");
        Assert.True(silent.Polls < neighbour.Polls, $"silent meter polled {silent.Polls} times, neighbour {neighbour.Polls}");
        Assert.False(atLoss.Bus(h.GatewayId("Shaft 1"), h.BusId("S1 bus 1"))!.IsDown);
        var after = h.Engine.GetSnapshot().Meter(h.MeterId("shop-1"))!;
        Assert.Equal(1, after.BackoffMultiplier);
        Assert.Equal(MeterCommState.Online, after.State);
    }

    [Fact]
    public async Task RunAsync_GatewayDown_OneGatewayEventNotOnePerMeter()
    {
        await using var h = new PollingHarness();
        await h.StartAsync();
        await h.WaitForGoodReadingsAsync(AllMeters);
        var seen = new List<CommunicationEvent>();
        string[] shaft1 = ["shop-1", "restaurant-2", "lighting-3"];

        h.Mall.SetGatewayDown("Shaft 1", true);
        var lost = await Eventually.NextAsync(h.Events.Reader, e => e.Kind == CommunicationEventKind.GatewayLost, "a GatewayLost event", seen);
        // Let the meters behind it pass their lost threshold, and evaluate once more: still no meter event.
        await Eventually.HoldsAsync(() => shaft1.All(id => h.Engine.GetSnapshot().Meter(h.MeterId(id))!.State == MeterCommState.Lost), "Shaft 1 meters lost");
        await h.Engine.EvaluateAsync(CancellationToken.None);
        Assert.True(h.Engine.GetSnapshot().Gateways.Single(g => g.Id == h.GatewayId("Shaft 1")).IsDown);
        h.Mall.SetGatewayDown("Shaft 1", false);
        var back = await Eventually.NextAsync(h.Events.Reader, e => e.Kind == CommunicationEventKind.GatewayRecovered, "a GatewayRecovered event", seen);
        await Eventually.HoldsAsync(() => shaft1.All(id => h.Engine.GetSnapshot().Meter(h.MeterId(id))!.State == MeterCommState.Online), "Shaft 1 meters online");
        await h.Engine.EvaluateAsync(CancellationToken.None);
        await h.StopAsync();
        while (h.Events.Reader.TryRead(out var e))
        {
            seen.Add(e);
        }

        Assert.Equal(h.GatewayId("Shaft 1"), lost.GatewayId);
        Assert.Equal(h.GatewayId("Shaft 1"), back.GatewayId);
        Assert.Equal([CommunicationEventKind.GatewayLost, CommunicationEventKind.GatewayRecovered], seen.Select(e => e.Kind));
    }

    [Fact]
    public async Task RunAsync_OneBusOfGatewaySilent_OneBusEventAndNoMeterEvents()
    {
        await using var h = new PollingHarness(topology: PollingHarness.TwoBusGateway());
        await h.StartAsync();
        await h.WaitForGoodReadingsAsync(["a1", "a2", "b1", "b2"]);
        var seen = new List<CommunicationEvent>();

        h.Mall.SetMeterFault("a1", new SimulatedFault(SimulatedFaultKind.Silent));
        h.Mall.SetMeterFault("a2", new SimulatedFault(SimulatedFaultKind.Silent));
        var lost = await Eventually.NextAsync(h.Events.Reader, e => e.Kind == CommunicationEventKind.BusLost, "a BusLost event", seen);
        await Eventually.HoldsAsync(() => h.Engine.GetSnapshot().Meter(h.MeterId("a1"))!.State == MeterCommState.Lost && h.Engine.GetSnapshot().Meter(h.MeterId("a2"))!.State == MeterCommState.Lost,
            "bus A meters lost");
        await h.Engine.EvaluateAsync(CancellationToken.None);
        var down = h.Engine.GetSnapshot();
        h.Mall.SetMeterFault("a1", new SimulatedFault(SimulatedFaultKind.None));
        h.Mall.SetMeterFault("a2", new SimulatedFault(SimulatedFaultKind.None));
        var back = await Eventually.NextAsync(h.Events.Reader, e => e.Kind == CommunicationEventKind.BusRecovered, "a BusRecovered event", seen);
        await Eventually.HoldsAsync(() => h.Engine.GetSnapshot().Meters.All(m => m.State == MeterCommState.Online), "every meter online");
        await h.Engine.EvaluateAsync(CancellationToken.None);
        await h.StopAsync();
        while (h.Events.Reader.TryRead(out var e))
        {
            seen.Add(e);
        }

        Assert.Equal(h.BusId("A"), lost.BusId);
        Assert.Equal(h.BusId("A"), back.BusId);
        Assert.False(down.Gateways.Single().IsDown);
        Assert.True(down.Bus(h.GatewayId("G"), h.BusId("A"))!.IsDown);
        Assert.False(down.Bus(h.GatewayId("G"), h.BusId("B"))!.IsDown);
        Assert.Equal([CommunicationEventKind.BusLost, CommunicationEventKind.BusRecovered], seen.Select(e => e.Kind));
    }

    [Fact]
    public async Task ApplyConfigurationAsync_MeterAddedAndRemoved_OnlyThatBusChangesAndKeepsRunning()
    {
        await using var h = new PollingHarness();
        await h.StartAsync(h.Configuration(id => id != "lighting-3"));
        await h.WaitForGoodReadingsAsync(["shop-1", "restaurant-2", "water-1", "incomer"]);
        var before = h.Engine.GetSnapshot().Bus(h.GatewayId("Shaft 2"), h.BusId("S2 bus 1"))!.Counters.Requests;

        var change = await h.Engine.ApplyConfigurationAsync(h.Configuration(id => id != "restaurant-2"));
        await h.WaitForGoodReadingsAsync(["lighting-3"]);
        var snapshot = h.Engine.GetSnapshot();

        Assert.Equal([h.BusKey("Shaft 1", "S1 bus 1")], change.Updated);
        Assert.Empty(change.Started);
        Assert.Empty(change.Stopped);
        Assert.Empty(change.Restarted);
        Assert.Null(snapshot.Meter(h.MeterId("restaurant-2")));
        Assert.NotNull(snapshot.Meter(h.MeterId("lighting-3")));
        Assert.True(snapshot.Bus(h.GatewayId("Shaft 2"), h.BusId("S2 bus 1"))!.Counters.Requests >= before, "the unchanged bus kept its poller and counters");
        var result = await h.Engine.SubmitCommandAsync(new AcquisitionCommand(h.MeterId("restaurant-2"), new TripCommand(), "test", "removed meter"));
        Assert.Equal(CommandResultStatus.Refused, result.Status);
    }

    [Fact]
    public async Task ApplyConfigurationAsync_BusRemovedAndPortChanged_StopsAndRestarts()
    {
        await using var h = new PollingHarness();
        var full = h.Configuration();
        await h.StartAsync(full);
        await h.WaitForGoodReadingsAsync(AllMeters);

        var withoutShaft2 = full with { Gateways = [full.Gateways[0]] };
        var removed = await h.Engine.ApplyConfigurationAsync(withoutShaft2);
        var shaft1 = full.Gateways[0];
        var changedTimeout = withoutShaft2 with
        {
            Gateways = [shaft1 with { Buses = [shaft1.Buses[0] with { ResponseTimeout = TimeSpan.FromMilliseconds(400) }] }],
        };
        var restarted = await h.Engine.ApplyConfigurationAsync(changedTimeout);

        Assert.Equal([h.BusKey("Shaft 2", "S2 bus 1")], removed.Stopped);
        Assert.Equal([h.BusKey("Shaft 1", "S1 bus 1")], restarted.Restarted);
        Assert.Null(h.Engine.GetSnapshot().Meter(h.MeterId("water-1")));
        var count = h.Readings.Readings.Count(r => r.MeterId == h.MeterId("shop-1"));
        await Eventually.HoldsAsync(() => h.Readings.Readings.Count(r => r.MeterId == h.MeterId("shop-1") && r.Reading.IsGood) > count + 2, "shop-1 polled after restart");
    }

    [Fact]
    public async Task GetSnapshot_HealthyAndSilentMeters_CountersMove()
    {
        await using var h = new PollingHarness();
        await h.StartAsync();
        await h.WaitForGoodReadingsAsync(AllMeters);
        var healthy = h.Engine.GetSnapshot();

        // water-1 is behind the transparent (RTU over TCP) gateway: silence is a timeout there.
        h.Mall.SetMeterFault("water-1", new SimulatedFault(SimulatedFaultKind.Silent));
        // Timeouts are counted per attempt as they happen, the meter's failure once its poll ends: wait for both.
        await Eventually.HoldsAsync(() => h.Engine.GetSnapshot() is var x && x.Bus(h.GatewayId("Shaft 2"), h.BusId("S2 bus 1"))!.Counters.Timeouts >= 2 && x.Meter(h.MeterId("water-1"))!.Failures >= 1,
            "timeouts on Shaft 2 and a failed poll of water-1");
        var faulty = h.Engine.GetSnapshot();

        var s1 = healthy.Bus(h.GatewayId("Shaft 1"), h.BusId("S1 bus 1"))!.Counters;
        Assert.True(s1.Requests >= 3);
        Assert.Equal(0, s1.Errors);
        Assert.True(s1.AverageLatency > TimeSpan.Zero && s1.WorstLatency >= s1.AverageLatency);
        Assert.NotNull(s1.LastSuccess);
        var s2 = faulty.Bus(h.GatewayId("Shaft 2"), h.BusId("S2 bus 1"))!.Counters;
        Assert.True(s2.Errors >= s2.Timeouts);
        Assert.True(s2.WorstLatency >= PollingHarness.ResponseTimeout - TimeSpan.FromMilliseconds(20), $"worst {s2.WorstLatency}"); // timers may fire a tick early
        var gateway = faulty.Gateways.Single(g => g.Id == h.GatewayId("Shaft 2"));
        Assert.Equal(s2.Requests, gateway.Counters.Requests);
        Assert.True(faulty.Meter(h.MeterId("water-1"))!.Failures >= 1);
        Assert.Equal(0, faulty.Meter(h.MeterId("incomer"))!.Failures);
        Assert.False(faulty.Bus(h.GatewayId("Shaft 2"), h.BusId("S2 bus 1"))!.IsDown);
    }

    [Theory]
    [InlineData(null, 2)]
    [InlineData(0, 1)]
    public async Task GetSnapshot_SilentMeterWithOwnRetries_TimeoutsPerPollFollowTheMeter(int? meterRetries, int attemptsPerPoll)
    {
        await using var h = new PollingHarness();
        var config = h.Configuration();
        var shaft2 = config.Gateways[1];
        var bus = shaft2.Buses[0];
        var water = bus.Meters.Single(m => m.Id == h.MeterId("water-1")) with { Retries = meterRetries, ResponseTimeout = TimeSpan.FromMilliseconds(200) };
        config = config with { Gateways = [config.Gateways[0], shaft2 with { Buses = [bus with { Meters = [water, .. bus.Meters.Where(m => m.Id != h.MeterId("water-1"))] }] }] };
        h.Mall.SetMeterFault("water-1", new SimulatedFault(SimulatedFaultKind.Silent));
        await h.StartAsync(config);

        await Eventually.HoldsAsync(() => h.Engine.GetSnapshot().Meter(h.MeterId("water-1"))!.Failures >= 3, "three failed polls of water-1");
        var snapshot = h.Engine.GetSnapshot();

        var failures = snapshot.Meter(h.MeterId("water-1"))!.Failures;
        var timeouts = snapshot.Bus(h.GatewayId("Shaft 2"), h.BusId("S2 bus 1"))!.Counters.Timeouts;
        Assert.InRange(timeouts, attemptsPerPoll * failures, (attemptsPerPoll * failures) + attemptsPerPoll);
        Assert.Equal(0, snapshot.Meter(h.MeterId("incomer"))!.Failures);
    }

    [Fact]
    public async Task RunAsync_SinkAndLoggerThrow_PollingGoesOnAndFaultsAreLogged()
    {
        var logs = new CapturingLoggerFactory { ThrowAfterCapture = true };
        await using var h = new PollingHarness(wrapSink: inner => new FlakySink(inner), loggerFactory: logs);
        await h.StartAsync();

        await h.WaitForGoodReadingsAsync(AllMeters);

        Assert.Contains(logs.Logs, e => e.EventId.Name == "ReadingSinkFailed" && e.Level == LogLevel.Error && e.Field("Meter") is not null && e.Field("Bus") is not null
            && e.Field("Gateway") is not null && e.Field("Unit") is byte && e.Exception is InvalidOperationException);
        Assert.All(h.Engine.GetSnapshot().Gateways, g => Assert.False(g.IsDown));
    }

    [Fact]
    public async Task RunAsync_GatewayPortClosed_BusDownWarningCarriesGatewayAndBusIds()
    {
        var logs = new CapturingLoggerFactory();
        await using var h = new PollingHarness(loggerFactory: logs);
        var config = h.Configuration();
        var ghost = new GatewayConfig(Ghost, "127.0.0.1", Domain.Model.GatewayFraming.ModbusTcp,
            [new BusConfig(GhostBus1, ClosedPort(), [new MeterConfig(GhostMeter1, 1, Domain.Model.MeterProfile.PublicArea)])]);
        await h.StartAsync(config with { Gateways = [.. config.Gateways, ghost] });

        var down = await logs.WaitForAsync(e => e.EventId.Name == "BusDown", "the bus down warning");

        Assert.Equal(LogLevel.Warning, down.Level);
        Assert.Equal(Ghost, down.Field("Gateway"));
        Assert.Equal(GhostBus1, down.Field("Bus"));
        Assert.Contains("Connection", (string?)down.Field("Reason"), StringComparison.Ordinal);
        Assert.Equal(typeof(BusPoller).FullName, down.Category);
        // The template stays a template: the ids are fields, not text baked into the format.
        Assert.Equal("Bus {Bus} on gateway {Gateway} is down: {Reason}", down.Field("{OriginalFormat}"));
        var lost = await logs.WaitForAsync(e => e.EventId.Name == "GatewayLost", "the gateway lost warning");
        Assert.Equal(LogLevel.Warning, lost.Level);
        Assert.Equal(Ghost, lost.Field("Gateway"));
    }

    [Fact]
    public async Task RunAsync_InvalidConfigurationThenValid_ThrowsThenRuns()
    {
        await using var h = new PollingHarness();
        var config = h.Configuration();
        var duplicate = config with { Gateways = [config.Gateways[0], config.Gateways[0]] };

        await Assert.ThrowsAsync<ArgumentException>(() => h.Engine.RunAsync(duplicate, CancellationToken.None));
        await h.StartAsync(config);

        await h.WaitForGoodReadingsAsync(AllMeters);
    }

    [Fact]
    public async Task RunAsync_GatewayRefusesConnections_OneGatewayEvent()
    {
        // A long bus event delay: the point is that the whole gateway is one event even if its buses fail a little apart.
        await using var h = new PollingHarness(PollingHarness.FastOptions() with { BusLostEventDelay = TimeSpan.FromSeconds(3) });
        var closedPort = ClosedPort();
        var config = h.Configuration();
        var ghost = new GatewayConfig(Ghost, "127.0.0.1", Domain.Model.GatewayFraming.ModbusTcp,
        [
            new BusConfig(GhostBus1, closedPort,
                [new MeterConfig(GhostMeter1, 1, Domain.Model.MeterProfile.PublicArea), new MeterConfig(GhostMeter1 + 1, 2, Domain.Model.MeterProfile.PublicArea)]),
            new BusConfig(GhostBus1 + 1, closedPort, [new MeterConfig(GhostMeter1 + 2, 1, Domain.Model.MeterProfile.PublicArea)]),
        ]);
        var seen = new List<CommunicationEvent>();
        await h.StartAsync(config with { Gateways = [.. config.Gateways, ghost] });

        var lost = await Eventually.NextAsync(h.Events.Reader, e => e.Kind == CommunicationEventKind.GatewayLost, "a GatewayLost event", seen);
        await Eventually.HoldsAsync(() => h.Engine.GetSnapshot().Meter(GhostMeter1)!.State == MeterCommState.Lost, "g1 lost");
        await h.WaitForGoodReadingsAsync(AllMeters);
        await h.Engine.EvaluateAsync(CancellationToken.None);
        await h.StopAsync();
        while (h.Events.Reader.TryRead(out var e))
        {
            seen.Add(e);
        }

        Assert.Equal(Ghost, lost.GatewayId);
        Assert.Contains("Connection", lost.Detail, StringComparison.Ordinal);
        Assert.Equal([CommunicationEventKind.GatewayLost], seen.Select(e => e.Kind));
    }

    /// <summary>A loopback port nobody listens on (bound once, then released).</summary>
    private static int ClosedPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Throws on every other reading.</summary>
    private sealed class FlakySink(IReadingSink inner) : IReadingSink
    {
        private int _calls;

        public ValueTask WriteAsync(PolledReading reading, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _calls) % 2 == 1 ? throw new InvalidOperationException("sink down") : inner.WriteAsync(reading, cancellationToken);
    }
}
