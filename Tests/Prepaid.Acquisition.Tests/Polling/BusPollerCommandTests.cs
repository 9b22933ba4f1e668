using Prepaid.Acquisition.Drivers;
using Prepaid.Acquisition.Polling;
using Prepaid.Acquisition.Simulator;

namespace Prepaid.Acquisition.Tests.Polling;

public class BusPollerCommandTests
{
    [Fact]
    public async Task SubmitCommandAsync_BusPolledFlatOut_JumpsAheadAndIsConfirmedByReadBack()
    {
        // Period zero: the bus is never idle, so the command must overtake the poll cycle.
        await using var h = new PollingHarness(period: TimeSpan.Zero);
        foreach (var key in new[] { "restaurant-2", "lighting-3" })
        {
            h.Mall.SetMeterFault(key, SimulatedFault.Slow(TimeSpan.FromMilliseconds(50)));
        }

        await h.StartAsync();
        await h.WaitForGoodReadingsAsync(["shop-1", "restaurant-2", "lighting-3"]);

        var result = await h.Engine.SubmitCommandAsync(new AcquisitionCommand(h.MeterId("shop-1"), new TripCommand(), "operator:alice", "test trip"));

        Assert.Equal(CommandResultStatus.Confirmed, result.Status);
        Assert.Equal("operator:alice", result.Command.Requester);
        Assert.Equal("test trip", result.Command.Reason);
        Assert.Equal(1, result.Attempts);
        // Between queueing and starting, at most the read in flight completed on that bus.
        var overtaken = h.Readings.Readings.Count(r => r.BusId == h.BusId("S1 bus 1") && r.Reading.SourceTime > result.RequestedAt && r.Reading.SourceTime < result.StartedAt);
        Assert.InRange(overtaken, 0, 1);
        Assert.False(((SimulatedElectricityMeter)h.Mall.Meter("shop-1")).RelayClosed);
        await Eventually.HoldsAsync(() => h.Readings.Readings.Any(r => r.MeterId == h.MeterId("shop-1") && r.Reading.IsGood && r.Reading.SourceTime > result.CompletedAt
            && r.Reading.RelayClosed.All(closed => !closed)), "a reading showing the relay open");
    }

    [Fact]
    public async Task SubmitCommandAsync_SilentMeter_FailsAfterItsRetries()
    {
        await using var h = new PollingHarness();
        await h.StartAsync();
        await h.WaitForGoodReadingsAsync(["shop-1"]);
        h.Mall.SetMeterFault("shop-1", new SimulatedFault(SimulatedFaultKind.Silent));

        var result = await h.Engine.SubmitCommandAsync(new AcquisitionCommand(h.MeterId("shop-1"), new KeepPowerCommand(), "relay-policy", "recharge"));

        Assert.Equal(CommandResultStatus.Failed, result.Status);
        Assert.Equal(1 + h.Options.CommandRetries, result.Attempts);
        Assert.Equal(CommandStatus.CommFailed, result.Outcome!.Status);
        Assert.Equal("relay-policy", result.Command.Requester);
    }

    [Fact]
    public async Task SubmitCommandAsync_Purchase_DeliveredOnceWithIntentPersistedFirst()
    {
        await using var h = new PollingHarness();
        await h.StartAsync();
        var before = h.Mall.Meter("shop-1").PurchaseCount;
        var intents = new List<PurchaseIntent>();
        var purchase = new DeliverPurchaseCommand(50m)
        {
            PersistIntent = (intent, _) =>
            {
                intents.Add(intent);
                return Task.CompletedTask;
            },
        };

        var result = await h.Engine.SubmitCommandAsync(new AcquisitionCommand(h.MeterId("shop-1"), purchase, "order:42", "WeChat recharge"));

        Assert.Equal(CommandResultStatus.Confirmed, result.Status);
        Assert.Equal(1, result.Attempts);
        Assert.Single(intents);
        Assert.Equal(before + 1, h.Mall.Meter("shop-1").PurchaseCount);
        Assert.Equal(before + 1, intents[0].ExpectedCount);
    }

    [Fact]
    public async Task SubmitCommandAsync_ProfileWithoutRelay_RefusedWithoutRetry()
    {
        await using var h = new PollingHarness();
        await h.StartAsync();

        var result = await h.Engine.SubmitCommandAsync(new AcquisitionCommand(h.MeterId("lighting-3"), new TripCommand(), "operator:bob", "wrong meter"));

        Assert.Equal(CommandResultStatus.Refused, result.Status);
        Assert.Equal(1, result.Attempts);
    }

    [Fact]
    public async Task RunAsync_StoppedWhileCommandRuns_CommandIsCancelledNotLeftPending()
    {
        await using var h = new PollingHarness();
        await h.StartAsync();
        await h.WaitForGoodReadingsAsync(["shop-1"]);
        h.Mall.SetMeterFault("shop-1", SimulatedFault.Slow(TimeSpan.FromMilliseconds(400)));

        var command = h.Engine.SubmitCommandAsync(new AcquisitionCommand(h.MeterId("shop-1"), new TripCommand(), "t", "r"));
        await Eventually.HoldsAsync(() => h.Engine.GetSnapshot().Bus(h.GatewayId("Shaft 1"), h.BusId("S1 bus 1"))!.PendingCommands == 0, "the command taken from the queue");
        await h.StopAsync();

        // Cancelled (or, on a very slow machine, finished before the stop): never left waiting.
        await Eventually.HoldsAsync(() => command.IsCompleted, "the command completed");
    }

    [Fact]
    public async Task ApplyConfigurationAsync_BusRestartedWithCommandQueued_CommandMovesToNewPollerAndIsConfirmed()
    {
        await using var h = new PollingHarness();
        var config = h.Configuration();
        await h.StartAsync(config);
        await h.WaitForGoodReadingsAsync(["shop-1", "restaurant-2"]);
        h.Mall.SetMeterFault("restaurant-2", SimulatedFault.Slow(TimeSpan.FromMilliseconds(500)));

        var running = h.Engine.SubmitCommandAsync(new AcquisitionCommand(h.MeterId("restaurant-2"), new TripCommand(), "t", "in flight"));
        await Eventually.HoldsAsync(() => h.Engine.GetSnapshot().Bus(h.GatewayId("Shaft 1"), h.BusId("S1 bus 1"))!.PendingCommands == 0, "the first command taken from the queue");
        var queued = h.Engine.SubmitCommandAsync(new AcquisitionCommand(h.MeterId("shop-1"), new TripCommand(), "operator:carol", "queued"));
        var shaft1 = config.Gateways[0];
        var change = await h.Engine.ApplyConfigurationAsync(config with
        {
            Gateways = [shaft1 with { Buses = [shaft1.Buses[0] with { ResponseTimeout = TimeSpan.FromMilliseconds(700) }] }, config.Gateways[1]],
        });
        var result = await queued.WaitAsync(Eventually.DefaultTimeout);

        Assert.Equal([h.BusKey("Shaft 1", "S1 bus 1")], change.Restarted);
        Assert.Equal(CommandResultStatus.Confirmed, result.Status);
        Assert.Equal("operator:carol", result.Command.Requester);
        await Eventually.HoldsAsync(() => running.IsCompleted, "the command in flight completed or was cancelled");
    }

    [Fact]
    public async Task RunAsync_Cancelled_QueuedCommandsAreCancelledAndLoopEnds()
    {
        await using var mall = new MallSimulator(Simulator.MallFixtures.SmallMall());
        mall.Start();
        var bus = mall.Buses[0];
        var config = new BusConfig(1, bus.Port, [new MeterConfig(1, 1, Domain.Model.MeterProfile.PrepaidSinglePhase)]);
        await using var poller = new BusPoller(new GatewayConfig(1, "127.0.0.1", Domain.Model.GatewayFraming.ModbusTcp, [config]), config, new RecordingReadingSink());
        using var stop = new CancellationTokenSource();
        await stop.CancelAsync();
        var queued = poller.EnqueueAsync(new AcquisitionCommand(1, new TripCommand(), "t", "r"));

        await poller.RunAsync(stop.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
    }
}
