using Prepaid.Acquisition.Drivers;
using Prepaid.Acquisition.Modbus;
using Prepaid.Acquisition.Simulator;
using Microsoft.Extensions.Time.Testing;
using Prepaid.Domain.Model;

namespace Prepaid.Acquisition.Tests.Simulator;

/// <summary>A simulated meter commits each purchase to its non-volatile memory before acknowledging the write.</summary>
public sealed class MeterMemoryTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "prepaid-meter-memory", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task Write_Purchase_IsInTheMemoryFileWhenTheWriteIsAcknowledged()
    {
        var path = Path.Combine(_folder, "meter-memory.json");
        var memory = new FileMeterMemory(path);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 8, 0, 0, TimeSpan.Zero));
        var meter = new SimulatedElectricityMeter(new SimulatedMeterSettings { Profile = MeterProfile.PrepaidSinglePhase, InitialBalance = 100m, InitialPurchaseCount = 41 }, time);
        meter.Remember = image => memory.Save("M1", image);

        // Purchase 42 of 900.00 yuan (90000 fen, high word first), as the driver writes it.
        var request = ModbusRequests.WriteMultipleRegisters(ElectricityRegisters.Purchase, [42, 1, 24464]);
        ModbusResponses.CheckWrite(1, request, await meter.HandleAsync(request, CancellationToken.None));

        // A process started after a crash reads the file afresh.
        var image = new FileMeterMemory(path).Load("M1");
        Assert.Equal(new MeterMemoryImage(1000m, 42, time.GetUtcNow()), image);
    }

    [Fact]
    public async Task Write_NotAPurchase_SavesNothing()
    {
        var path = Path.Combine(_folder, "meter-memory.json");
        var memory = new FileMeterMemory(path);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 8, 0, 0, TimeSpan.Zero));
        var meter = new SimulatedElectricityMeter(new SimulatedMeterSettings { Profile = MeterProfile.PrepaidSinglePhase, InitialBalance = 100m }, time);
        meter.Remember = image => memory.Save("M1", image);

        var refused = ModbusRequests.WriteMultipleRegisters(ElectricityRegisters.Purchase, [7, 0, 100]);
        await meter.HandleAsync(refused, CancellationToken.None);

        Assert.False(File.Exists(path));
        Assert.Null(memory.Load("M1"));
    }
}
