using Prepaid.App.Hosting;
using Prepaid.App;
using System.Diagnostics;
using Prepaid.Acquisition.Modbus;
using Prepaid.Acquisition.Simulator;
using Prepaid.Domain.Model;

namespace Prepaid.Benchmarks;

/// <summary>
/// One simulated RS485 bus with wire-time emulation, read cycle after cycle by our client: the achieved time
/// of a cycle against the theoretical wire time ("Bus timing" in Acquisition/Simulator/README.md).
/// </summary>
internal static class BusBenchmark
{
    // FC03 request PDU: function, address, count = 5 bytes; answer for 48 registers: function, byte count, 96 bytes.
    private const int RequestPduBytes = 5;
    private const int ResponsePduBytes = 98;
    private const ushort BlockAddress = 0x0200;
    private const int BlockRegisters = 48;

    public static async Task RunAsync(int meters, int baudRate, int cycles, GatewayFraming framing, TextWriter output, CancellationToken cancellationToken)
    {
        var specs = Enumerable.Range(1, meters)
            .Select(unit => new SimulatedMeterSpec($"bench-{unit}", (byte)unit,
                new SimulatedMeterSettings { Profile = MeterProfile.PrepaidSinglePhase, InitialBalance = 100m },
                new MeterLoad(LoadKind.None, null, null, 0m)))
            .ToList();
        var topology = new SimulationTopology(
            [new SimulatedGatewaySpec("bench", "127.0.0.1", framing, [new SimulatedBusSpec("bench-COM1", 0, baudRate, specs)])]);
        await using var simulator = new MallSimulator(topology, new MallSimulatorOptions { WireEmulation = true });
        simulator.Start();
        var port = simulator.Buses[0].Server.Port;
        var options = new ModbusClientOptions { Timeout = TimeSpan.FromSeconds(3), Retries = 0 };
        await using var client = framing == GatewayFraming.RtuOverTcp
            ? ModbusClient.ForRtuOverTcp("127.0.0.1", port, options)
            : ModbusClient.ForTcp("127.0.0.1", port, options);

        var perTransaction = WireTiming.Transaction(baudRate, RequestPduBytes, ResponsePduBytes, WireTiming.DefaultTurnaround);
        var theoretical = perTransaction * meters;
        await output.WriteLineAsync(
            $"Bus benchmark: {meters} meters at {baudRate} baud, {framing}, 48-register block per meter, {cycles} cycles after 1 warm-up.");
        await output.WriteLineAsync(
            $"Theoretical wire time: {perTransaction.TotalMilliseconds:F1} ms per read (8 + 101 characters, 2 gaps, {WireTiming.DefaultTurnaround.TotalMilliseconds:F0} ms turnaround), {theoretical.TotalMilliseconds:F0} ms per cycle.");

        var achieved = new List<TimeSpan>();
        for (var cycle = 0; cycle <= cycles; cycle++)
        {
            var watch = Stopwatch.StartNew();
            for (var unit = 1; unit <= meters; unit++)
            {
                await client.ReadHoldingRegistersAsync((byte)unit, BlockAddress, BlockRegisters, cancellationToken);
            }

            watch.Stop();
            if (cycle > 0)
            {
                achieved.Add(watch.Elapsed);
                await output.WriteLineAsync($"cycle {cycle,3}: {watch.Elapsed.TotalMilliseconds,8:F0} ms  ({watch.Elapsed / theoretical:P1} of wire time)");
            }
        }

        var mean = TimeSpan.FromTicks((long)achieved.Average(t => t.Ticks));
        await output.WriteLineAsync(
            $"mean {mean.TotalMilliseconds:F0} ms per cycle = {mean / theoretical:P1} of wire time; worst {achieved.Max().TotalMilliseconds:F0} ms; {meters * 60 / mean.TotalSeconds:F0} meter reads per minute on this bus.");
    }
}
