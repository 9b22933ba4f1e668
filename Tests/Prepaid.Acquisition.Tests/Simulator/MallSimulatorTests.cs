using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using Prepaid.Acquisition.Drivers;
using Prepaid.Acquisition.Modbus;
using Prepaid.Acquisition.Simulator;
using Prepaid.Domain.Model;
using Prepaid.Acquisition.Tests.Logging;

namespace Prepaid.Acquisition.Tests.Simulator;

public class MallSimulatorTests
{
    private readonly FakeTimeProvider _time = new(MallFixtures.SummerMorning);

    [Fact]
    public async Task Start_TwoGatewayFramings_EveryMeterReadsGoodOverLoopback()
    {
        await using var mall = new MallSimulator(MallFixtures.SmallMall(), new MallSimulatorOptions { TimeProvider = _time });
        mall.Start();
        _time.Advance(TimeSpan.FromHours(1));

        foreach (var bus in mall.Buses)
        {
            await using var client = MallFixtures.Client(bus);
            foreach (var spec in bus.Spec.Meters)
            {
                var reading = await MallFixtures.Driver(client, spec).ReadAsync(CancellationToken.None);
                Assert.True(reading.IsGood, $"{spec.Key}: {reading.Error}");
            }
        }

        Assert.Equal([ModbusFraming.Tcp, ModbusFraming.Rtu], mall.Buses.Select(b => b.Framing));
    }

    [Fact]
    public async Task Start_WithLoggerFactory_LogsEachBusAndEveryInjectedFaultWithItsIds()
    {
        var logs = new CapturingLoggerFactory();
        await using var mall = new MallSimulator(MallFixtures.SmallMall(), new MallSimulatorOptions { TimeProvider = _time }, logs);
        mall.Start();

        mall.SetMeterFault("restaurant-2", new SimulatedFault(SimulatedFaultKind.Silent));
        mall.SetGatewayDown("Shaft 2", true);

        var buses = logs.Logs.Where(e => e.EventId.Name == "BusListening").ToList();
        Assert.Equal(["Shaft 1/S1 bus 1", "Shaft 2/S2 bus 1"], buses.Select(e => $"{e.Field("Gateway")}/{e.Field("Bus")}"));
        Assert.Equal(mall.Buses.Select(b => (object?)b.Port), buses.Select(e => e.Field("Port")));
        var fault = Assert.Single(logs.Logs, e => e.EventId.Name == "MeterFaultSet");
        Assert.Equal("restaurant-2", fault.Field("Meter"));
        Assert.Equal((byte)2, fault.Field("Unit"));
        Assert.Equal(SimulatedFaultKind.Silent, fault.Field("Fault"));
        Assert.Equal("Shaft 2", Assert.Single(logs.Logs, e => e.EventId.Name == "GatewayTakenDown").Field("Gateway"));
        Assert.Contains(logs.Logs, e => e.EventId.Name == "Listening" && e.Category == typeof(ModbusServer).FullName);
    }

    [Fact]
    public async Task UpdateLoads_AtLunch_ShopAndRestaurantDrawAndIncomerSumsThem()
    {
        await using var mall = new MallSimulator(MallFixtures.SmallMall(), new MallSimulatorOptions { TimeProvider = _time });
        _time.Advance(TimeSpan.FromHours(2)); // 12:00 local
        mall.UpdateLoads();

        var shop = (SimulatedElectricityMeter)mall.Meter("shop-1");
        var restaurant = (SimulatedElectricityMeter)mall.Meter("restaurant-2");
        var lighting = (SimulatedElectricityMeter)mall.Meter("lighting-3");
        var incomer = (SimulatedElectricityMeter)mall.Meter("incomer");
        Assert.InRange(shop.PowerKw, 8m * 0.8m * 0.9m, 8m * 0.8m * 1.1m);
        Assert.InRange(restaurant.PowerKw, 25m * 0.9m, 25m * 1.1m);
        Assert.Equal(decimal.Round((shop.PowerKw + restaurant.PowerKw + lighting.PowerKw) * 1.03m, 3), incomer.PowerKw);
    }

    [Fact]
    public async Task UpdateLoads_TwoSupplies_EachIncomerSumsOnlyItsOwnMeters()
    {
        var small = MallFixtures.SmallMall();
        MeterLoad On(MeterLoad load, string supply) => load with { Supply = supply };
        var topology = new SimulationTopology([.. small.Gateways.Select(g => g with
        {
            Buses = [.. g.Buses.Select(b => b with
            {
                Meters = [.. b.Meters.Select(m => m.Key switch
                {
                    "shop-1" or "lighting-3" => m with { Load = On(m.Load, "T1") },
                    "restaurant-2" => m with { Load = On(m.Load, "T2") },
                    "incomer" => m with { Load = On(m.Load, "T1") },
                    _ => m,
                }), .. b.Meters.Any(m => m.Key == "incomer")
                    ? [new SimulatedMeterSpec("incomer-2", 10, new SimulatedMeterSettings { Profile = Domain.Model.MeterProfile.MainIncomer, CtRatio = 400 },
                        On(MeterLoad.MainIncomer, "T2"))]
                    : Array.Empty<SimulatedMeterSpec>()],
            })],
        })]);
        await using var mall = new MallSimulator(topology, new MallSimulatorOptions { TimeProvider = _time });
        _time.Advance(TimeSpan.FromHours(2)); // 12:00 local
        mall.UpdateLoads();

        var shop = (SimulatedElectricityMeter)mall.Meter("shop-1");
        var restaurant = (SimulatedElectricityMeter)mall.Meter("restaurant-2");
        var lighting = (SimulatedElectricityMeter)mall.Meter("lighting-3");
        Assert.Equal(decimal.Round((shop.PowerKw + lighting.PowerKw) * 1.03m, 3), ((SimulatedElectricityMeter)mall.Meter("incomer")).PowerKw);
        Assert.Equal(decimal.Round(restaurant.PowerKw * 1.03m, 3), ((SimulatedElectricityMeter)mall.Meter("incomer-2")).PowerKw);
    }

    [Fact]
    public async Task Silent_OnModbusTcpGateway_DriverSeesGatewayCommLost()
    {
        await using var mall = new MallSimulator(MallFixtures.SmallMall(), new MallSimulatorOptions { TimeProvider = _time });
        mall.Start();
        mall.SetMeterFault("shop-1", new SimulatedFault(SimulatedFaultKind.Silent));
        var bus = mall.Buses[0];
        await using var client = MallFixtures.Client(bus);

        var silent = await MallFixtures.Driver(client, bus.Spec.Meters[0]).ReadAsync(CancellationToken.None);
        var neighbour = await MallFixtures.Driver(client, bus.Spec.Meters[1]).ReadAsync(CancellationToken.None);

        Assert.Equal(ValueQuality.CommLost, silent.Quality);
        Assert.Contains("0x0B", silent.Error, StringComparison.Ordinal);
        Assert.True(neighbour.IsGood);
    }

    [Theory]
    [InlineData(SimulatedFaultKind.Silent)]
    [InlineData(SimulatedFaultKind.CrcError)]
    [InlineData(SimulatedFaultKind.Garbage)]
    public async Task Fault_OnRtuOverTcpGateway_CommLostThenGoodWhenCleared(SimulatedFaultKind kind)
    {
        await using var mall = new MallSimulator(MallFixtures.SmallMall(), new MallSimulatorOptions { TimeProvider = _time });
        mall.Start();
        var bus = mall.Buses[1];
        await using var client = MallFixtures.Client(bus, TimeSpan.FromMilliseconds(200));
        var driver = MallFixtures.Driver(client, bus.Spec.Meters[0]);

        mall.SetMeterFault("water-1", new SimulatedFault(kind));
        Assert.Equal(ValueQuality.CommLost, (await driver.ReadAsync(CancellationToken.None)).Quality);
        mall.SetMeterFault("water-1", new SimulatedFault(SimulatedFaultKind.None));
        Assert.True((await driver.ReadAsync(CancellationToken.None)).IsGood);
    }

    [Fact]
    public async Task Slow_BeyondClientTimeout_CommLostWhileNeighbourAnswers()
    {
        await using var mall = new MallSimulator(MallFixtures.SmallMall(), new MallSimulatorOptions { TimeProvider = _time });
        mall.Start();
        mall.SetMeterFault("restaurant-2", SimulatedFault.Slow(TimeSpan.FromMilliseconds(400)));
        var bus = mall.Buses[0];
        await using var slowClient = MallFixtures.Client(bus, TimeSpan.FromMilliseconds(150));
        await using var otherClient = MallFixtures.Client(bus, TimeSpan.FromMilliseconds(150));

        var slow = await MallFixtures.Driver(slowClient, bus.Spec.Meters[1]).ReadAsync(CancellationToken.None);
        var other = await MallFixtures.Driver(otherClient, bus.Spec.Meters[0]).ReadAsync(CancellationToken.None);

        Assert.Equal(ValueQuality.CommLost, slow.Quality);
        Assert.True(other.IsGood, other.Error);
    }

    [Fact]
    public async Task SetGatewayDown_ThenUp_CommLostThenGood()
    {
        await using var mall = new MallSimulator(MallFixtures.SmallMall(), new MallSimulatorOptions { TimeProvider = _time });
        mall.Start();
        var bus = mall.Buses[0];
        await using var client = MallFixtures.Client(bus, TimeSpan.FromMilliseconds(300));
        var driver = MallFixtures.Driver(client, bus.Spec.Meters[0]);
        Assert.True((await driver.ReadAsync(CancellationToken.None)).IsGood);

        mall.SetGatewayDown("Shaft 1", down: true);
        Assert.Equal(ValueQuality.CommLost, (await driver.ReadAsync(CancellationToken.None)).Quality);
        mall.SetGatewayDown("Shaft 1", down: false);
        Assert.True((await driver.ReadAsync(CancellationToken.None)).IsGood);
    }

    [Fact]
    public async Task DropPurchaseAnswer_DeliveryOverLoopback_ConfirmedAndAppliedOnce()
    {
        await using var mall = new MallSimulator(MallFixtures.SmallMall(), new MallSimulatorOptions { TimeProvider = _time });
        mall.Start();
        mall.SetMeterFault("shop-1", new SimulatedFault(SimulatedFaultKind.DropPurchaseAnswer));
        var bus = mall.Buses[0];
        await using var client = MallFixtures.Client(bus, TimeSpan.FromMilliseconds(200), retries: 1);

        var outcome = await MallFixtures.Driver(client, bus.Spec.Meters[0]).ExecuteAsync(new DeliverPurchaseCommand(50m), CancellationToken.None);

        Assert.Equal(CommandStatus.Confirmed, outcome.Status);
        Assert.Equal(550m, mall.Meter("shop-1").Remaining);
        Assert.Equal(1, mall.Meter("shop-1").PurchaseCount);
    }

    [Fact]
    public async Task WireEmulation_SilentMeterBehindModbusTcpGateway_HoldsBusForGatewayTimeoutThen0B()
    {
        var options = new MallSimulatorOptions { TimeProvider = _time, WireEmulation = true, GatewayTimeout = TimeSpan.FromMilliseconds(250) };
        await using var mall = new MallSimulator(MallFixtures.SmallMall(baud: 38400), options);
        mall.Start();
        mall.SetMeterFault("shop-1", new SimulatedFault(SimulatedFaultKind.Silent));
        var bus = mall.Buses[0];
        await using var client = MallFixtures.Client(bus);

        var watch = Stopwatch.StartNew();
        var reading = await MallFixtures.Driver(client, bus.Spec.Meters[0]).ReadAsync(CancellationToken.None);
        watch.Stop();

        Assert.Equal(ValueQuality.CommLost, reading.Quality);
        Assert.Contains("0x0B", reading.Error, StringComparison.Ordinal);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(250), $"answered after {watch.Elapsed}");
        Assert.Equal(TimeSpan.FromMilliseconds(250), bus.Line!.BusyTime);
    }

    [Fact]
    public async Task WireEmulation_TwoClientsOnOneBus_SerialisedAtWireTime()
    {
        var options = new MallSimulatorOptions { TimeProvider = _time, WireEmulation = true, Turnaround = TimeSpan.Zero };
        await using var mall = new MallSimulator(MallFixtures.SmallMall(baud: 38400), options);
        mall.Start();
        var bus = mall.Buses[0];
        await using var first = MallFixtures.Client(bus);
        await using var second = MallFixtures.Client(bus);
        var perRead = WireTiming.Transaction(38400, 5, 2 + (2 * ElectricityRegisters.RealTimeCount), TimeSpan.Zero);

        var watch = Stopwatch.StartNew();
        await Task.WhenAll(ReadThrice(first, bus), ReadThrice(second, bus));
        watch.Stop();

        Assert.Equal(6, bus.Line!.Transactions);
        Assert.Equal(perRead * 6, bus.Line.BusyTime);
        Assert.True(watch.Elapsed >= perRead * 6, $"6 reads took {watch.Elapsed}, the wire needs {perRead * 6}");

        static async Task ReadThrice(ModbusClient client, SimulatedBus bus)
        {
            for (var i = 0; i < 3; i++)
            {
                Assert.True((await MallFixtures.Driver(client, bus.Spec.Meters[0]).ReadAsync(CancellationToken.None)).IsGood);
            }
        }
    }
}
