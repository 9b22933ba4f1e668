using Prepaid.Acquisition.Modbus;
using Prepaid.Acquisition;
using System.Diagnostics;

namespace Prepaid.Benchmarks;

/// <summary>
/// Measures our client against our server on 127.0.0.1: how many FC03 reads per second the stack itself can
/// do, without any bus in the way. A figure to report (e.g. from an "App bench" command), not a test.
/// </summary>
public static class ModbusLoopbackBenchmark
{
    /// <summary>
    /// Runs <paramref name="connections"/> clients, each reading <paramref name="registers"/> holding registers
    /// in a loop for <paramref name="duration"/> after a short warm-up, and checks every answer.
    /// </summary>
    public static async Task<ModbusBenchmarkResult> RunAsync(ModbusFraming framing = ModbusFraming.Tcp, int connections = 1,
        TimeSpan? duration = null, int registers = 48, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(connections, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(registers, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(registers, ModbusLimits.MaxReadRegisters);
        var measured = duration ?? TimeSpan.FromSeconds(2);

        var bank = new ModbusRegisterBank();
        var expected = Enumerable.Range(0, registers).Select(i => (ushort)(0x1000 + i)).ToArray();
        bank.SetRegisters(ModbusTable.HoldingRegisters, 0x0200, expected);
        await using var server = new ModbusServer(new ModbusServerOptions { Framing = framing });
        server.AddUnit(1, bank);
        server.Start();

        var clients = Enumerable.Range(0, connections)
            .Select(_ => new ModbusClient(new TcpModbusChannelFactory("127.0.0.1", server.Port),
                new ModbusClientOptions { Framing = framing, Timeout = TimeSpan.FromSeconds(5), Retries = 0 }))
            .ToList();
        try
        {
            foreach (var client in clients)
            {
                for (var i = 0; i < 100; i++)
                {
                    await ReadAndCheckAsync(client, registers, expected, cancellationToken).ConfigureAwait(false);
                }
            }

            var stopwatch = Stopwatch.StartNew();
            var counts = await Task.WhenAll(clients.Select(async client =>
            {
                long done = 0;
                while (stopwatch.Elapsed < measured)
                {
                    await ReadAndCheckAsync(client, registers, expected, cancellationToken).ConfigureAwait(false);
                    done++;
                }

                return done;
            })).ConfigureAwait(false);
            return new ModbusBenchmarkResult(framing, connections, registers, counts.Sum(), stopwatch.Elapsed);
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task ReadAndCheckAsync(ModbusClient client, int registers, ushort[] expected, CancellationToken cancellationToken)
    {
        var values = await client.ReadHoldingRegistersAsync(1, 0x0200, registers, cancellationToken).ConfigureAwait(false);
        if (!values.AsSpan().SequenceEqual(expected))
        {
            throw new InvalidOperationException("Benchmark read returned wrong values.");
        }
    }
}
