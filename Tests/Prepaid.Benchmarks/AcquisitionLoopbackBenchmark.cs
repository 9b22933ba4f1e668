using Prepaid.Acquisition.Polling;
using Prepaid.Acquisition;
using System.Diagnostics;
using System.Globalization;
using Prepaid.Acquisition.Simulator;
using Prepaid.Domain.Model;

namespace Prepaid.Benchmarks;

/// <summary>
/// Runs the simulator without wire emulation and the <see cref="AcquisitionEngine"/> over N meters on loopback,
/// and measures meter reads per second and read latency. A figure to report (e.g. "App bench acquisition"), not a test.
/// </summary>
public static class AcquisitionLoopbackBenchmark
{
    /// <summary>
    /// Polls <paramref name="meters"/> public-area meters, <paramref name="metersPerBus"/> per bus, four buses per Modbus TCP
    /// gateway, each meter every <paramref name="period"/> (zero: as fast as the buses go), for <paramref name="duration"/>
    /// after a warm-up in which every meter is read once. With <paramref name="wireEmulation"/> the simulator holds each bus
    /// for the wire time at <paramref name="baudRate"/> (see "Bus timing" in the simulator's README), which gives the bus-bound figures instead.
    /// </summary>
    public static async Task<AcquisitionBenchmarkResult> RunAsync(int meters = 1000, int metersPerBus = 30, TimeSpan? period = null, TimeSpan? duration = null,
        bool wireEmulation = false, int baudRate = 9600, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(meters, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(metersPerBus, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(metersPerBus, 247);
        var measured = duration ?? TimeSpan.FromSeconds(5);
        var pollPeriod = period ?? TimeSpan.Zero;
        const int busesPerGateway = 4;

        var buses = (meters + metersPerBus - 1) / metersPerBus;
        var gateways = new List<SimulatedGatewaySpec>();
        for (var g = 0; g * busesPerGateway < buses; g++)
        {
            var busSpecs = new List<SimulatedBusSpec>();
            for (var b = g * busesPerGateway; b < Math.Min(buses, (g + 1) * busesPerGateway); b++)
            {
                var first = b * metersPerBus;
                var count = Math.Min(metersPerBus, meters - first);
                busSpecs.Add(new SimulatedBusSpec($"bus-{b}", 0, baudRate,
                [
                    .. Enumerable.Range(0, count).Select(i => new SimulatedMeterSpec($"m{first + i}", (byte)(i + 1),
                        new SimulatedMeterSettings { Profile = MeterProfile.PublicArea }, MeterLoad.Public(PublicLoadType.Lighting))),
                ]));
            }

            gateways.Add(new SimulatedGatewaySpec($"gw-{g}", "127.0.0.1", GatewayFraming.ModbusTcp, busSpecs));
        }

        await using var mall = new MallSimulator(new SimulationTopology(gateways), new MallSimulatorOptions { WireEmulation = wireEmulation });
        mall.Start();
        // The simulator names its gateways, buses and meters; acquisition numbers them, as the database would.
        var meterIds = mall.Topology.Meters().Select((m, i) => (m.Meter.Key, Id: i + 1)).ToDictionary(x => x.Key, x => x.Id, StringComparer.Ordinal);
        var configuration = new AcquisitionConfiguration(
        [
            .. gateways.Select((g, gi) => new GatewayConfig(gi + 1, g.Host, g.Framing,
            [
                .. mall.Buses.Where(b => b.Gateway.Name == g.Name).Select((b, bi) => new BusConfig(bi + 1, b.Port,
                [
                    .. b.Spec.Meters.Select(m => new MeterConfig(meterIds[m.Key], m.UnitId, m.Settings.Profile) { FastPeriod = pollPeriod, FullPeriod = null }),
                ])
                {
                    ResponseTimeout = TimeSpan.FromSeconds(5),
                }),
            ])),
        ]);

        var sink = new CountingSink(meters);
        var engine = new AcquisitionEngine(sink, new ChannelCommunicationEventSink(), new AcquisitionOptions());
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var run = Task.Run(() => engine.RunAsync(configuration, stop.Token), CancellationToken.None);
        try
        {
            await sink.AllSeen.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
            using var process = Process.GetCurrentProcess();
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            sink.StartMeasuring();
            var stopwatch = Stopwatch.StartNew();
            await Task.Delay(measured, cancellationToken).ConfigureAwait(false);
            var (reads, failed, latencies) = sink.StopMeasuring();
            var elapsed = stopwatch.Elapsed;
            process.Refresh();
            var cpu = process.TotalProcessorTime - cpuBefore;
            Array.Sort(latencies);
            return new AcquisitionBenchmarkResult(meters, buses, pollPeriod, wireEmulation ? baudRate : null, reads, failed, elapsed, Percentile(latencies, 0.50), Percentile(latencies, 0.99),
                latencies.Length > 0 ? latencies[^1] : TimeSpan.Zero, cpu / elapsed / Environment.ProcessorCount * 100);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await run.ConfigureAwait(false);
            await engine.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static TimeSpan Percentile(TimeSpan[] sorted, double p) =>
        sorted.Length == 0 ? TimeSpan.Zero : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private sealed class CountingSink(int meters) : IReadingSink
    {
        private readonly Lock _sync = new();
        private readonly HashSet<int> _seen = [];
        private List<TimeSpan>? _latencies;
        private long _failed;

        public TaskCompletionSource AllSeen { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ValueTask WriteAsync(PolledReading reading, CancellationToken cancellationToken)
        {
            lock (_sync)
            {
                if (_latencies is { } list)
                {
                    list.Add(reading.Latency);
                    if (!reading.Reading.IsGood)
                    {
                        _failed++;
                    }
                }
                else if (reading.Reading.IsGood && _seen.Add(reading.MeterId) && _seen.Count == meters)
                {
                    AllSeen.TrySetResult();
                }
            }

            return ValueTask.CompletedTask;
        }

        public void StartMeasuring()
        {
            lock (_sync)
            {
                _latencies = new List<TimeSpan>(1 << 16);
            }
        }

        public (long Reads, long Failed, TimeSpan[] Latencies) StopMeasuring()
        {
            lock (_sync)
            {
                var latencies = _latencies?.ToArray() ?? [];
                _latencies = null;
                return (latencies.Length, _failed, latencies);
            }
        }
    }
}

/// <summary>Figures from one <see cref="AcquisitionLoopbackBenchmark"/> run.</summary>
/// <param name="Meters">Meters polled.</param>
/// <param name="Buses">Buses (one poller and one connection each).</param>
/// <param name="Period">Poll period per meter (zero: as fast as possible).</param>
/// <param name="WireBaudRate">Baud rate of the emulated wire, or null without wire emulation.</param>
/// <param name="Reads">Meter reads completed in the measured interval.</param>
/// <param name="FailedReads">Of those, reads without good quality.</param>
/// <param name="Elapsed">Measured interval.</param>
/// <param name="LatencyP50">Median read latency (request to decoded reading).</param>
/// <param name="LatencyP99">99th percentile read latency.</param>
/// <param name="LatencyMax">Worst read latency.</param>
/// <param name="CpuPercent">Process CPU over the interval, in percent of the whole machine (simulator included).</param>
public sealed record AcquisitionBenchmarkResult(int Meters, int Buses, TimeSpan Period, int? WireBaudRate, long Reads, long FailedReads, TimeSpan Elapsed, TimeSpan LatencyP50,
    TimeSpan LatencyP99, TimeSpan LatencyMax, double CpuPercent)
{
    /// <summary>Meter reads per second.</summary>
    public double ReadsPerSecond => Elapsed > TimeSpan.Zero ? Reads / Elapsed.TotalSeconds : 0;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Meters} meters on {Buses} buses{(WireBaudRate is { } baud ? $" (wire emulated at {baud} baud)" : "")}, period {Period.TotalSeconds:F1} s: {Reads} reads ({FailedReads} failed) in {Elapsed.TotalSeconds:F2} s = {ReadsPerSecond:F0} reads/s, latency p50 {LatencyP50.TotalMilliseconds:F2} ms, p99 {LatencyP99.TotalMilliseconds:F2} ms, max {LatencyMax.TotalMilliseconds:F2} ms, CPU {CpuPercent:F0} % of the machine (simulator included)");
}
