using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Prepaid.Acquisition.Drivers;
using Prepaid.Acquisition.Modbus;
using Prepaid.App.Simulation;
using Prepaid.App.Tests.Support;

namespace Prepaid.App.Tests.Simulation;

public sealed class SimulatorHostedServiceTests
{
    [Fact]
    public async Task StartAsync_Disabled_StartsNothing()
    {
        await using var db = await TestDatabase.CreateAsync();
        using var service = Service(db, new SimulationOptions { Enabled = false });
        await service.StartAsync(CancellationToken.None);
        Assert.Null(await service.Started);
        await service.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task StartAsync_EnabledOnDemoMall_ServesMetersUntilStopped()
    {
        await using var db = await TestDatabase.CreateAsync(seedDemo: true);
        await using (var context = db.CreateDbContext())
        {
            // Free ports, so parallel runs on this machine never collide with the demo's fixed ones.
            await context.Buses.ExecuteUpdateAsync(b => b.SetProperty(x => x.TcpPort, 0));
        }

        using var service = Service(db, new SimulationOptions { Enabled = true, LoadUpdateSeconds = 0.05 });
        await service.StartAsync(CancellationToken.None);
        var simulator = await service.Started;
        Assert.NotNull(simulator);

        var bus = simulator.Buses[^1];
        var meter = bus.Spec.Meters[0];
        int port = bus.Port;
        await using (var client = new ModbusClient(new TcpModbusChannelFactory("127.0.0.1", port), new ModbusClientOptions { Framing = bus.Framing }))
        {
            var reading = await new ModbusMeterDriver(meter.Settings.Profile, meter.UnitId, new ModbusClientTransport(client)).ReadAsync(CancellationToken.None);
            Assert.True(reading.IsGood, reading.Error);
        }

        await service.StopAsync(CancellationToken.None);
        await using var after = new ModbusClient(new TcpModbusChannelFactory("127.0.0.1", port),
            new ModbusClientOptions { Framing = bus.Framing, Timeout = TimeSpan.FromMilliseconds(200), Retries = 0 });
        await Assert.ThrowsAnyAsync<Exception>(() => after.ReadHoldingRegistersAsync(meter.UnitId, 0x0200, 1));
    }

    private static SimulatorHostedService Service(TestDatabase db, SimulationOptions options) =>
        new(db, Options.Create(options), Options.Create(new Prepaid.App.Persistence.DatabaseOptions { DataDirectory = db.Folder }), new FakeTimeProvider(TestTime.DefaultStart), NullLogger<SimulatorHostedService>.Instance, new Prepaid.App.Kernel.Hosting.StartGate());
}
