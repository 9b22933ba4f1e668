using System.Globalization;

using Prepaid.Acquisition.Modbus;

namespace Prepaid.Benchmarks;

/// <summary>Figures from one <see cref="ModbusLoopbackBenchmark"/> run.</summary>
/// <param name="Framing">Framing measured.</param>
/// <param name="Connections">Concurrent client connections.</param>
/// <param name="Registers">Registers per FC03 read.</param>
/// <param name="Requests">Completed requests in the measured interval.</param>
/// <param name="Elapsed">Measured interval.</param>
public sealed record ModbusBenchmarkResult(ModbusFraming Framing, int Connections, int Registers, long Requests, TimeSpan Elapsed)
{
    /// <summary>Completed requests per second over all connections.</summary>
    public double RequestsPerSecond => Elapsed > TimeSpan.Zero ? Requests / Elapsed.TotalSeconds : 0;

    /// <summary>Mean round trip of one request on one connection.</summary>
    public TimeSpan MeanLatency => Requests > 0 ? Elapsed * Connections / Requests : TimeSpan.Zero;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Framing}, {Connections} connection(s), FC03 x {Registers} registers: {Requests} requests in {Elapsed.TotalSeconds:F2} s = {RequestsPerSecond:F0} req/s, mean latency {MeanLatency.TotalMilliseconds:F3} ms");
}
