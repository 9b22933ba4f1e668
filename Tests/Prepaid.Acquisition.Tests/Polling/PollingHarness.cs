using System.Collections.Concurrent;
using Prepaid.Acquisition.Polling;
using Prepaid.Acquisition.Simulator;
using Prepaid.Acquisition.Tests.Simulator;

namespace Prepaid.Acquisition.Tests.Polling;

/// <summary>Records readings; tests wait on it with generous timeouts.</summary>
internal sealed class RecordingReadingSink : IReadingSink
{
    public ConcurrentQueue<PolledReading> Readings { get; } = new();

    public ValueTask WriteAsync(PolledReading reading, CancellationToken cancellationToken)
    {
        Readings.Enqueue(reading);
        return ValueTask.CompletedTask;
    }
}

/// <summary>The small mall of <see cref="MallFixtures"/> served on loopback, and an engine polling it.</summary>
internal sealed class PollingHarness : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _run;

    public PollingHarness(AcquisitionOptions? options = null, TimeSpan? period = null, SimulationTopology? topology = null,
        Func<IReadingSink, IReadingSink>? wrapSink = null, Microsoft.Extensions.Logging.ILoggerFactory? loggerFactory = null)
    {
        Mall = new MallSimulator(topology ?? MallFixtures.SmallMall());
        Mall.Start();
        Period = period ?? TimeSpan.FromMilliseconds(100);
        Options = options ?? FastOptions();
        Engine = new AcquisitionEngine(wrapSink?.Invoke(Readings) ?? Readings, Events, Options, loggerFactory);
    }

    public MallSimulator Mall { get; }

    public static TimeSpan ResponseTimeout { get; } = TimeSpan.FromMilliseconds(600);

    public TimeSpan Period { get; }

    public AcquisitionOptions Options { get; }

    public AcquisitionEngine Engine { get; }

    public RecordingReadingSink Readings { get; } = new();

    public ChannelCommunicationEventSink Events { get; } = new();

    /// <summary>One Modbus TCP gateway with two buses of two public-area meters each.</summary>
    public static SimulationTopology TwoBusGateway()
    {
        SimulatedMeterSpec Meter(string key, byte unit) =>
            new(key, unit, new SimulatedMeterSettings { Profile = Domain.Model.MeterProfile.PublicArea }, MeterLoad.Public(Domain.Model.PublicLoadType.Lighting));
        return new SimulationTopology(
        [
            new SimulatedGatewaySpec("G", "127.0.0.1", Domain.Model.GatewayFraming.ModbusTcp,
            [
                new SimulatedBusSpec("A", 0, 9600, [Meter("a1", 1), Meter("a2", 2)]),
                new SimulatedBusSpec("B", 0, 9600, [Meter("b1", 1), Meter("b2", 2)]),
            ]),
        ]);
    }

    public static AcquisitionOptions FastOptions() => new()
    {
        StaleAfter = TimeSpan.FromMilliseconds(800),
        LostAfter = TimeSpan.FromMilliseconds(2000),
        BackoffAfterFailures = 2,
        MaxBackoffMultiplier = 4,
        BusProbeInterval = TimeSpan.FromMilliseconds(100),
        MaxBusProbeInterval = TimeSpan.FromMilliseconds(400),
        BusLostEventDelay = TimeSpan.FromMilliseconds(300),
        ReconnectDelay = TimeSpan.Zero,
        MaxReconnectDelay = TimeSpan.FromMilliseconds(200),
        CommandRetries = 2,
        CommandRetryDelay = TimeSpan.FromMilliseconds(20),
        Driver = new() { ConfirmDelay = TimeSpan.FromMilliseconds(20) },
        EvaluationInterval = TimeSpan.FromMilliseconds(50),
        ErrorBackoff = TimeSpan.FromMilliseconds(50),
    };

    /// <summary>
    /// The configuration of the simulated mall. The simulator names its gateways, buses and meters; acquisition numbers
    /// them as the database does: gateways, buses and meters in topology order from 1 (see <see cref="MeterId"/>).
    /// </summary>
    public AcquisitionConfiguration Configuration(Func<string, bool>? include = null) => new(
    [
        .. Mall.Topology.Gateways.Select(g => new GatewayConfig(GatewayId(g.Name), g.Host, g.Framing,
        [
            .. Mall.Buses.Where(b => b.Gateway.Name == g.Name).Select(b => new BusConfig(BusId(b.Spec.Name), b.Port,
            [
                .. b.Spec.Meters.Where(m => include?.Invoke(m.Key) ?? true)
                    .Select(m => new MeterConfig(MeterId(m.Key), m.UnitId, m.Settings.Profile) { FastPeriod = Period, FullPeriod = TimeSpan.FromSeconds(1) }),
            ])
            {
                BaudRate = b.Spec.BaudRate,
                ResponseTimeout = ResponseTimeout,
                Retries = 1,
            }),
        ])),
    ]);

    /// <summary>The acquisition id of the simulated gateway <paramref name="name"/>.</summary>
    public int GatewayId(string name) => IndexOf(Mall.Topology.Gateways.Select(g => g.Name), name);

    /// <summary>The acquisition id of the simulated bus <paramref name="name"/> (bus names are unique in the fixtures).</summary>
    public int BusId(string name) => IndexOf(Mall.Topology.Gateways.SelectMany(g => g.Buses).Select(b => b.Name), name);

    /// <summary>The acquisition id of the simulated meter <paramref name="key"/>.</summary>
    public int MeterId(string key) => IndexOf(Mall.Topology.Meters().Select(m => m.Meter.Key), key);

    /// <summary>The simulated meter key of acquisition meter <paramref name="id"/>.</summary>
    public string MeterKey(int id) => Mall.Topology.Meters().ElementAt(id - 1).Meter.Key;

    /// <summary>The key of a simulated bus by its gateway's and its own name.</summary>
    public BusKey BusKey(string gateway, string bus) => new(GatewayId(gateway), BusId(bus));

    private static int IndexOf(IEnumerable<string> names, string name)
    {
        var index = names.ToList().IndexOf(name);
        return index >= 0 ? index + 1 : throw new KeyNotFoundException($"No simulated '{name}'.");
    }

    public async Task StartAsync(AcquisitionConfiguration? configuration = null)
    {
        var config = configuration ?? Configuration();
        _run = Task.Run(() => Engine.RunAsync(config, _stop.Token));
        await Eventually.HoldsAsync(() => ReferenceEquals(Engine.Configuration, config) || _run.IsCompleted, "the engine started");
        if (_run.IsFaulted)
        {
            await _run;
        }
    }

    public Task WaitForGoodReadingsAsync(IEnumerable<string> meters)
    {
        var ids = meters.Select(MeterId).ToList();
        return Eventually.HoldsAsync(() => ids.All(id => Readings.Readings.Any(r => r.MeterId == id && r.Reading.IsGood)), "a good reading of every meter");
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        if (_run is not null)
        {
            await _run;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await Engine.DisposeAsync();
        await Mall.DisposeAsync();
        _stop.Dispose();
    }
}
