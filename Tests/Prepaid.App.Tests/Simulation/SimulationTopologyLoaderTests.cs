using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Prepaid.Acquisition.Drivers;
using Prepaid.Acquisition.Modbus;
using Prepaid.Acquisition.Simulator;
using Prepaid.App.Simulation;
using Prepaid.App.Tests.Support;
using Prepaid.Domain.Model;

namespace Prepaid.App.Tests.Simulation;

public sealed class SimulationTopologyLoaderTests
{
    [Fact]
    public async Task LoadAsync_DemoMall_EveryEnabledMeterWithItsPortAndProfile()
    {
        await using var db = await TestDatabase.CreateAsync(seedDemo: true);
        var topology = await new SimulationTopologyLoader(db).LoadAsync(TestTime.DefaultStart, CancellationToken.None);

        await using var context = db.CreateDbContext();
        var meters = await context.Meters.AsNoTracking().ToListAsync();
        var buses = await context.Buses.AsNoTracking().ToDictionaryAsync(b => b.Id);
        var simulated = topology.Meters().ToDictionary(m => m.Meter.Key);
        Assert.Equal(meters.Count, simulated.Count);
        foreach (var meter in meters)
        {
            var (_, bus, spec) = simulated[meter.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)];
            Assert.Equal(buses[meter.BusId].TcpPort, bus.TcpPort);
            Assert.Equal(meter.UnitId, spec.UnitId);
            Assert.Equal(meter.Profile, spec.Settings.Profile);
        }
    }

    [Fact]
    public async Task LoadAsync_DemoMall_BalancesFromLedgerAndLoadsFromRoles()
    {
        await using var db = await TestDatabase.CreateAsync(seedDemo: true);
        var topology = await new SimulationTopologyLoader(db).LoadAsync(TestTime.DefaultStart, CancellationToken.None);

        await using var context = db.CreateDbContext();
        var ledger = (await context.LedgerEntries.AsNoTracking().Select(e => new { e.AccountId, e.Amount }).ToListAsync())
            .GroupBy(e => e.AccountId).ToDictionary(g => g.Key, g => g.Sum(e => e.Amount));
        var meters = await context.Meters.AsNoTracking().ToDictionaryAsync(m => m.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var specs = topology.Meters().Select(m => m.Meter).ToList();

        var prepaidByAccount = specs.Where(s => meters[s.Key].AccountId is not null && meters[s.Key].BillingMode == BillingMode.Meter
                && s.Settings.Profile is MeterProfile.PrepaidSinglePhase or MeterProfile.PrepaidThreePhase or MeterProfile.PrepaidWater)
            .GroupBy(s => meters[s.Key].AccountId!.Value);
        foreach (var account in prepaidByAccount)
        {
            var total = account.Sum(s => s.Settings.InitialBalance);
            Assert.InRange(ledger.GetValueOrDefault(account.Key) - total, 0m, 0.01m * account.Count());
        }

        Assert.All(specs.Where(s => meters[s.Key].Role == MeterRole.PublicArea), s => Assert.Equal(LoadKind.Public, s.Load.Kind));
        Assert.All(specs.Where(s => meters[s.Key].Role == MeterRole.MainIncomer), s => Assert.Equal(LoadKind.MainIncomer, s.Load.Kind));
        Assert.Contains(specs, s => s.Settings.Tou is not null);
        Assert.All(specs.Where(s => meters[s.Key].PowerLimitKw is not null), s =>
        {
            Assert.Equal(meters[s.Key].PowerLimitKw, s.Settings.PowerLimitKw);
            Assert.True(s.Load.RatedDemand * 1.1m < s.Settings.PowerLimitKw, $"{s.Key} would trip on its own demand");
        });
        Assert.All(specs.Where(s => meters[s.Key].BillingMode == BillingMode.Platform), s =>
        {
            Assert.False(s.Settings.InternalControl);
            Assert.Equal(0m, s.Settings.InitialBalance);
        });
    }

    [Fact]
    public async Task LoadAsync_DemoMall_EveryElectricityMeterOnItsTransformersSupply()
    {
        await using var db = await TestDatabase.CreateAsync(seedDemo: true);
        var topology = await new SimulationTopologyLoader(db).LoadAsync(TestTime.DefaultStart, CancellationToken.None);

        await using var context = db.CreateDbContext();
        var shafts = await context.Shafts.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.TransformerId);
        var meters = await context.Meters.AsNoTracking().ToDictionaryAsync(m => m.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var specs = topology.Meters().Select(m => m.Meter).ToList();

        var incomerSupplies = specs.Where(s => s.Load.Kind == LoadKind.MainIncomer).Select(s => s.Load.Supply).ToList();
        Assert.Equal(2, incomerSupplies.Distinct().Count());
        Assert.All(incomerSupplies, s => Assert.NotNull(s));
        foreach (var spec in specs.Where(s => s.Load.Kind != LoadKind.MainIncomer && meters[s.Key].Kind == MeterKind.Electricity))
        {
            var expected = meters[spec.Key].ShaftId is { } shaft ? shafts[shaft]?.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
            Assert.Equal(expected, spec.Load.Supply);
            Assert.Contains(spec.Load.Supply, incomerSupplies);
        }
    }

    [Fact]
    public async Task LoadAsync_MeterReadBefore_ContinuesFromItsLastReadingNotTheLedger()
    {
        await using var db = await TestDatabase.CreateAsync(seedDemo: true);
        int meterBilled, platform;
        await using (var context = db.CreateDbContext())
        {
            meterBilled = await context.Meters.Where(m => m.BillingMode == BillingMode.Meter && m.Profile == MeterProfile.PrepaidSinglePhase).Select(m => m.Id).FirstAsync();
            platform = await context.Meters.Where(m => m.BillingMode == BillingMode.Platform && m.Profile == MeterProfile.PrepaidThreePhase).Select(m => m.Id).FirstAsync();
            context.MeterLiveStates.AddRange(
                new MeterLiveState
                {
                    MeterId = meterBilled, LastGoodAt = TestTime.DefaultStart, Quality = ValueQuality.Good, EnergyKwh = 10.5m, SharpKwh = 1m, PeakKwh = 2m,
                    FlatKwh = 3m, ValleyKwh = 4.5m, RemainingYuan = 123.45m, PurchaseCount = 7,
                },
                new MeterLiveState { MeterId = platform, LastGoodAt = TestTime.DefaultStart, Quality = ValueQuality.Good, EnergyKwh = 88m, RemainingYuan = 0m, PurchaseCount = 0 });
            await context.SaveChangesAsync();
        }

        var topology = await new SimulationTopologyLoader(db).LoadAsync(TestTime.DefaultStart, CancellationToken.None);

        var specs = topology.Meters().Select(m => m.Meter).ToDictionary(m => m.Key);
        var held = specs[meterBilled.ToString(System.Globalization.CultureInfo.InvariantCulture)].Settings;
        Assert.Equal(123.45m, held.InitialBalance);
        Assert.Equal(7, held.InitialPurchaseCount);
        Assert.Equal([1m, 2m, 3m, 4.5m], held.InitialEnergyByRate);
        var model = new ElectricityMeterModel(held, TestTime.DefaultStart);
        Assert.Equal(10.5m, model.TotalEnergyKwh);
        var external = specs[platform.ToString(System.Globalization.CultureInfo.InvariantCulture)].Settings;
        Assert.Equal(88m, external.InitialEnergy);
        Assert.Equal(0m, external.InitialBalance);
    }

    [Theory]
    [InlineData(60, 1023.45, 8)]
    [InlineData(-60, 123.45, 7)]
    public async Task LoadAsync_PurchaseInTheMetersMemoryAfterOrBeforeItsLastReading_NewerOneWins(int savedAfterSeconds, double balance, int count)
    {
        // A purchase the meter applied and saved after its last reading reached the database is the crash the memory
        // exists for; an image older than the reading is history the reading already includes.
        await using var db = await TestDatabase.CreateAsync(seedDemo: true);
        int meterBilled;
        await using (var context = db.CreateDbContext())
        {
            meterBilled = await context.Meters.Where(m => m.BillingMode == BillingMode.Meter && m.Profile == MeterProfile.PrepaidSinglePhase).Select(m => m.Id).FirstAsync();
            context.MeterLiveStates.Add(new MeterLiveState
            {
                MeterId = meterBilled, LastGoodAt = TestTime.DefaultStart, Quality = ValueQuality.Good, EnergyKwh = 10.5m, RemainingYuan = 123.45m, PurchaseCount = 7,
            });
            await context.SaveChangesAsync();
        }

        var key = meterBilled.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var memory = new FileMeterMemory(Path.Combine(db.Folder, "simulator", "meter-memory.json"));
        memory.Save(key, new MeterMemoryImage(1023.45m, 8, TestTime.DefaultStart.AddSeconds(savedAfterSeconds)));

        var topology = await new SimulationTopologyLoader(db, new FileMeterMemory(Path.Combine(db.Folder, "simulator", "meter-memory.json")))
            .LoadAsync(TestTime.DefaultStart, CancellationToken.None);

        var held = topology.Meters().Select(m => m.Meter).Single(m => m.Key == key).Settings;
        Assert.Equal(((decimal)balance, count), (held.InitialBalance, held.InitialPurchaseCount));
    }

    [Fact]
    public async Task LoadAsync_MetersUnderControlBeforeTheStop_StartUnderTheSameControl()
    {
        await using var db = await TestDatabase.CreateAsync(seedDemo: true);
        int[] electricity;
        int water;
        await using (var context = db.CreateDbContext())
        {
            electricity = await context.Meters.Where(m => m.Kind == MeterKind.Electricity && m.Role == MeterRole.Tenant).OrderBy(m => m.Id).Select(m => m.Id).Take(3).ToArrayAsync();
            water = await context.Meters.Where(m => m.Kind == MeterKind.Water).OrderBy(m => m.Id).Select(m => m.Id).FirstAsync();
            MeterLiveState State(int id, bool supplyOn, MeterStatusFlags flags, decimal? remaining = null) => new()
            {
                MeterId = id, LastGoodAt = TestTime.DefaultStart, Quality = ValueQuality.Good, EnergyKwh = 1m, VolumeM3 = 1m, SupplyOn = supplyOn, StatusFlags = (int)flags,
                RemainingYuan = remaining, PurchaseCount = remaining is null ? null : 1,
            };
            context.MeterLiveStates.AddRange(
                State(electricity[0], false, MeterStatusFlags.ForcedControl),
                State(electricity[1], true, MeterStatusFlags.ForcedControl),
                State(electricity[2], false, MeterStatusFlags.Arrears),
                // Closed with 50 yuan left (or under platform billing): closed by command, not by its balance.
                State(water, false, MeterStatusFlags.None, remaining: 50m));
            await context.SaveChangesAsync();
        }

        var topology = await new SimulationTopologyLoader(db).LoadAsync(TestTime.DefaultStart, CancellationToken.None);

        var specs = topology.Meters().Select(m => m.Meter).ToDictionary(m => m.Key);
        SimulatedMeterSettings Settings(int id) => specs[id.ToString(System.Globalization.CultureInfo.InvariantCulture)].Settings;
        Assert.Equal(ForcedControl.Trip, Settings(electricity[0]).InitialForcedControl);
        Assert.Equal(ForcedControl.KeepPower, Settings(electricity[1]).InitialForcedControl);
        // Tripped by its own balance, not by command: the balance decides again after the restart.
        Assert.Equal(ForcedControl.None, Settings(electricity[2]).InitialForcedControl);
        Assert.True(Settings(water).InitialValveClosedByCommand);
        Assert.False(new ElectricityMeterModel(Settings(electricity[0]), TestTime.DefaultStart).RelayClosed);
    }

    [Fact]
    public async Task SimulatorFactory_DemoMallOnFreePorts_DriverReadsEveryMeterOfABus()
    {
        await using var db = await TestDatabase.CreateAsync(seedDemo: true);
        var topology = await new SimulationTopologyLoader(db).LoadAsync(TestTime.DefaultStart, CancellationToken.None);
        var freePorts = topology with
        {
            Gateways = [.. topology.Gateways.Select(g => g with { Buses = [.. g.Buses.Select(b => b with { TcpPort = 0 })] })],
        };

        await using var simulator = SimulatorFactory.Start(freePorts, new SimulationOptions { Enabled = true, TimeScale = 60 }, new FakeTimeProvider(TestTime.DefaultStart));
        Assert.Equal(topology.Gateways.Count, SimulatorFactory.Describe(simulator).Count());

        var bus = simulator.Buses[0];
        await using var client = new ModbusClient(new TcpModbusChannelFactory("127.0.0.1", bus.Port), new ModbusClientOptions { Framing = bus.Framing });
        foreach (var meter in bus.Spec.Meters)
        {
            var reading = await new ModbusMeterDriver(meter.Settings.Profile, meter.UnitId, new ModbusClientTransport(client)).ReadAsync(CancellationToken.None);
            Assert.True(reading.IsGood, $"{meter.Key}: {reading.Error}");
        }
    }

    [Fact]
    public async Task LoadAsync_RegistersFlooredBelowTheTotal_TotalDoesNotStepBack()
    {
        await using var db = await TestDatabase.CreateAsync(seedDemo: true);
        int meterId;
        await using (var context = db.CreateDbContext())
        {
            meterId = await context.Meters.Where(m => m.BillingMode == BillingMode.Meter && m.Profile == MeterProfile.PrepaidSinglePhase).Select(m => m.Id).FirstAsync();
            // As a meter reports after flooring each register and the total separately: the registers sum to 0.02 less.
            context.MeterLiveStates.Add(new MeterLiveState
            {
                MeterId = meterId, LastGoodAt = TestTime.DefaultStart, Quality = ValueQuality.Good, EnergyKwh = 2598.90m, SharpKwh = 100.29m, PeakKwh = 1200.19m,
                FlatKwh = 898.19m, ValleyKwh = 400.21m,
            });
            await context.SaveChangesAsync();
        }

        var topology = await new SimulationTopologyLoader(db).LoadAsync(TestTime.DefaultStart, CancellationToken.None);

        var settings = topology.Meters().Select(m => m.Meter).Single(m => m.Key == meterId.ToString(System.Globalization.CultureInfo.InvariantCulture)).Settings;
        Assert.Equal([100.29m, 1200.21m, 898.19m, 400.21m], settings.InitialEnergyByRate);
        Assert.Equal(2598.90m, new ElectricityMeterModel(settings, TestTime.DefaultStart).TotalEnergyKwh);
    }
}
