using Prepaid.Acquisition.Drivers;
using Prepaid.Acquisition.Modbus;
using Prepaid.Acquisition.Simulator;
using Prepaid.Domain.Model;
using Prepaid.Domain.Tariffs;

namespace Prepaid.Acquisition.Tests.Simulator;

/// <summary>A small mall: a Modbus TCP gateway and a transparent (RTU over TCP) gateway, free loopback ports.</summary>
internal static class MallFixtures
{
    /// <summary>2026-07-15 10:00 in the site's zone (UTC+8): a summer weekday in the peak period (08:00-11:00), where
    /// the simulator and driver tests start their <c>FakeTimeProvider</c>.</summary>
    public static DateTimeOffset SummerMorning { get; } = new(2026, 7, 15, 2, 0, 0, TimeSpan.Zero);

    public static SimulationTopology SmallMall(int baud = 9600)
    {
        var plan = TariffPlanExamples.CommercialTou2026();
        SimulatedMeterSettings Shop(MeterProfile profile, decimal balance) =>
            new SimulatedMeterSettings { Profile = profile, InitialBalance = balance, AlarmAmount1 = 0m, AlarmAmount2 = 0m }.WithPlan(plan);

        var tcp = new SimulatedGatewaySpec("Shaft 1", "127.0.0.1", GatewayFraming.ModbusTcp,
        [
            new SimulatedBusSpec("S1 bus 1", 0, baud,
            [
                new SimulatedMeterSpec("shop-1", 1, Shop(MeterProfile.PrepaidSinglePhase, 500m), MeterLoad.Tenant(BusinessType.Retail)),
                new SimulatedMeterSpec("restaurant-2", 2, Shop(MeterProfile.PrepaidThreePhase, 2000m), MeterLoad.Tenant(BusinessType.Restaurant)),
                new SimulatedMeterSpec("lighting-3", 3, new SimulatedMeterSettings { Profile = MeterProfile.PublicArea }, MeterLoad.Public(PublicLoadType.Lighting)),
            ]),
        ]);
        var rtu = new SimulatedGatewaySpec("Shaft 2", "127.0.0.1", GatewayFraming.RtuOverTcp,
        [
            new SimulatedBusSpec("S2 bus 1", 0, baud,
            [
                new SimulatedMeterSpec("water-1", 1, new SimulatedMeterSettings { Profile = MeterProfile.PrepaidWater, InitialBalance = 100m }.WithPlan(TariffPlanExamples.WaterTiered2026()),
                    MeterLoad.TenantWater(BusinessType.Restaurant)),
                new SimulatedMeterSpec("incomer", 9, new SimulatedMeterSettings { Profile = MeterProfile.MainIncomer, CtRatio = 400 }, MeterLoad.MainIncomer),
            ]),
        ]);
        return new SimulationTopology([tcp, rtu]);
    }

    public static ModbusClient Client(SimulatedBus bus, TimeSpan? timeout = null, int retries = 0) =>
        new(new TcpModbusChannelFactory("127.0.0.1", bus.Port),
            new ModbusClientOptions { Framing = bus.Framing, Timeout = timeout ?? TimeSpan.FromSeconds(2), Retries = retries, ReconnectDelay = TimeSpan.Zero });

    public static ModbusMeterDriver Driver(ModbusClient client, SimulatedMeterSpec meter) =>
        new(meter.Settings.Profile, meter.UnitId, new ModbusClientTransport(client), new MeterDriverOptions { ConfirmDelay = TimeSpan.FromMilliseconds(20) });
}
