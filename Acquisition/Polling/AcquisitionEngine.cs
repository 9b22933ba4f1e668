using Microsoft.Extensions.Logging;
using Prepaid.Acquisition.Logging;

namespace Prepaid.Acquisition.Polling;

/// <summary>
/// Runs one <see cref="BusPoller"/> per bus of a configuration in parallel, reloads a changed configuration without
/// restarting unchanged buses, routes commands to the meter's bus, evaluates communication states into events (a
/// lost gateway suppresses its buses' and meters' events; a lost bus its meters') and gives snapshots.
/// </summary>
public sealed class AcquisitionEngine : IAsyncDisposable
{
    private readonly IReadingSink _readings;
    private readonly ICommunicationEventSink _events;
    private readonly AcquisitionOptions _options;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _configGate = new(1, 1);
    private readonly Lock _sync = new();
    private readonly Dictionary<BusKey, RunningBus> _buses = [];
    private readonly Dictionary<int, BusPoller> _meterIndex = [];
    private readonly CommunicationEventTracker _tracker;
    private AcquisitionConfiguration _configuration = AcquisitionConfiguration.Empty;
    private CancellationToken _stopping = new(canceled: true);

    /// <summary>
    /// Creates the engine; <see cref="RunAsync"/> starts it. <paramref name="loggerFactory"/> gives the loggers of the engine
    /// and its bus pollers (none when null); a logger that throws is ignored, so logging never stops acquisition.
    /// </summary>
    public AcquisitionEngine(IReadingSink readings, ICommunicationEventSink events, AcquisitionOptions? options = null, ILoggerFactory? loggerFactory = null)
    {
        _readings = readings ?? throw new ArgumentNullException(nameof(readings));
        _events = events ?? throw new ArgumentNullException(nameof(events));
        _options = options ?? new AcquisitionOptions();
        _options.Validate();
        _time = _options.TimeProvider;
        _loggerFactory = loggerFactory ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance;
        _logger = GuardedLogger.For<AcquisitionEngine>(_loggerFactory);
        _tracker = new CommunicationEventTracker(_options);
    }

    /// <summary>The configuration in force.</summary>
    public AcquisitionConfiguration Configuration => _configuration;

    /// <summary>
    /// Starts the buses of <paramref name="configuration"/> and evaluates communication states until
    /// <paramref name="cancellationToken"/> is cancelled; then stops every bus (queued commands are cancelled) and returns.
    /// </summary>
    public async Task RunAsync(AcquisitionConfiguration configuration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        await _configGate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (!_stopping.IsCancellationRequested)
            {
                throw new InvalidOperationException("The engine is already running.");
            }

            _stopping = cancellationToken;
        }
        finally
        {
            _configGate.Release();
        }

        try
        {
            await ApplyAsync(configuration, CancellationToken.None).ConfigureAwait(false);
            var period = _options.EvaluationInterval;
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(period, _time, cancellationToken).ConfigureAwait(false);
                    await EvaluateAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception ex)
                {
                    PollingLog.EvaluationFailed(_logger, ex);
                }
            }
        }
        finally
        {
            await _configGate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                List<RunningBus> all;
                lock (_sync)
                {
                    all = [.. _buses.Values];
                    _buses.Clear();
                    _meterIndex.Clear();
                }

                await Task.WhenAll(all.Select(StopAsync)).ConfigureAwait(false);
            }
            finally
            {
                _stopping = new CancellationToken(canceled: true);
                _configGate.Release();
            }
        }
    }

    /// <summary>
    /// Applies a changed configuration while running: new buses start, removed buses stop, buses whose connection
    /// settings changed restart, and buses whose meters only changed keep running with the new meter list.
    /// </summary>
    public Task<ConfigurationChange> ApplyConfigurationAsync(AcquisitionConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (_stopping.IsCancellationRequested)
        {
            throw new InvalidOperationException("The engine is not running.");
        }

        return ApplyAsync(configuration, _stopping);
    }

    private async Task<ConfigurationChange> ApplyAsync(AcquisitionConfiguration configuration, CancellationToken cancellationToken)
    {
        configuration.Validate();
        await _configGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var wanted = configuration.Buses().ToDictionary(x => new BusKey(x.Gateway.Id, x.Bus.Id));
            var started = new List<BusKey>();
            var stopped = new List<BusKey>();
            var restarted = new List<BusKey>();
            var updated = new List<BusKey>();
            var toStop = new List<RunningBus>();
            lock (_sync)
            {
                foreach (var (key, running) in _buses.Where(b => !wanted.ContainsKey(b.Key)).ToList())
                {
                    _buses.Remove(key);
                    _tracker.ForgetBus(key);
                    toStop.Add(running);
                    stopped.Add(key);
                }

                foreach (var (key, (gateway, bus)) in wanted)
                {
                    if (_buses.TryGetValue(key, out var running))
                    {
                        var old = running.Poller;
                        if (old.Gateway.Host == gateway.Host && old.Gateway.Framing == gateway.Framing && old.Bus.SameConnection(bus))
                        {
                            if (!old.Meters.SequenceEqual(bus.Meters))
                            {
                                old.UpdateMeters(bus.Meters);
                                updated.Add(key);
                            }

                            continue;
                        }

                        toStop.Add(running);
                        restarted.Add(key);
                    }
                    else
                    {
                        started.Add(key);
                    }

                    _buses[key] = RunningBus.Start(gateway, bus, _readings, _options, _loggerFactory.CreateLogger<BusPoller>(), _stopping);
                }

                _meterIndex.Clear();
                foreach (var running in _buses.Values)
                {
                    foreach (var meter in running.Poller.Meters)
                    {
                        _meterIndex[meter.Id] = running.Poller;
                    }
                }

                _tracker.Retain(_meterIndex.Keys, configuration.Gateways.Select(g => g.Id));
                _configuration = configuration;
            }

            // Commands queued on a bus that stops follow their meter to its (new) bus, or are refused.
            foreach (var pending in toStop.SelectMany(r => r.Poller.TakeQueuedCommands()))
            {
                BusPoller? target;
                lock (_sync)
                {
                    _meterIndex.TryGetValue(pending.Command.MeterId, out target);
                }

                if (target is not null)
                {
                    target.Adopt(pending);
                }
                else
                {
                    var now = _time.GetUtcNow();
                    pending.Complete(new CommandResult(pending.Command, CommandResultStatus.Refused,
                        $"Meter {pending.Command.MeterId} was removed from acquisition before the command was sent.", 0, pending.RequestedAt, null, now, null));
                }
            }

            await Task.WhenAll(toStop.Select(StopAsync)).ConfigureAwait(false);
            var change = new ConfigurationChange(started, stopped, restarted, updated);
            PollingLog.ConfigurationApplied(_logger, change.Started, change.Stopped, change.Restarted, change.Updated);
            return change;
        }
        finally
        {
            _configGate.Release();
        }
    }

    /// <summary>
    /// Queues a command on the meter's bus (ahead of polling) and returns its result: confirmed by read-back, failed
    /// after retries, or refused. Unknown meters are refused. Cancelling withdraws it while it waits in the queue.
    /// </summary>
    public Task<CommandResult> SubmitCommandAsync(AcquisitionCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        for (var attempt = 0; ; attempt++)
        {
            BusPoller? poller;
            lock (_sync)
            {
                _meterIndex.TryGetValue(command.MeterId, out poller);
            }

            if (poller is null)
            {
                var now = _time.GetUtcNow();
                return Task.FromResult(new CommandResult(command, CommandResultStatus.Refused, $"Meter {command.MeterId} is not configured for acquisition.", 0, now, null, now,
                    null));
            }

            try
            {
                return poller.EnqueueAsync(command, cancellationToken);
            }
            catch (ObjectDisposedException) when (attempt < 3)
            {
                // The bus was replaced by a reload in between: look the meter up again.
            }
        }
    }

    /// <summary>Gateways, buses and meters with their states and counters, for the diagnostics page.</summary>
    public AcquisitionSnapshot GetSnapshot() => TakeSnapshot(out _);

    /// <summary>Nothing to release: <see cref="RunAsync"/> stops and disposes the buses when its token is cancelled.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>Evaluates states and raises events once; the run loop calls it every <see cref="AcquisitionOptions.EvaluationInterval"/>.</summary>
    internal async Task EvaluateAsync(CancellationToken cancellationToken)
    {
        var snapshot = TakeSnapshot(out var upSince);
        List<CommunicationEvent> events;
        lock (_sync)
        {
            events = _tracker.Evaluate(snapshot, upSince);
        }

        foreach (var e in events)
        {
            PollingLog.Communication(_logger, e);
            try
            {
                await _events.WriteAsync(e, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                PollingLog.EventSinkFailed(_logger, ex, e.Kind, e.GatewayId, e.BusId, e.MeterId);
            }
        }
    }

    private AcquisitionSnapshot TakeSnapshot(out Dictionary<BusKey, DateTimeOffset> upSince)
    {
        upSince = [];
        AcquisitionConfiguration configuration;
        Dictionary<BusKey, RunningBus> buses;
        lock (_sync)
        {
            configuration = _configuration;
            buses = new(_buses);
        }

        var gateways = new List<GatewaySnapshot>();
        foreach (var gateway in configuration.Gateways)
        {
            var busSnapshots = new List<BusSnapshot>();
            foreach (var bus in gateway.Buses)
            {
                if (buses.TryGetValue(new BusKey(gateway.Id, bus.Id), out var running))
                {
                    busSnapshots.Add(running.Poller.GetSnapshot(out var up));
                    upSince[new BusKey(gateway.Id, bus.Id)] = up;
                }
            }

            gateways.Add(new GatewaySnapshot(gateway.Id, gateway.Host, gateway.Framing, busSnapshots.Count > 0 && busSnapshots.All(b => b.IsDown),
                CommunicationCounters.Sum(busSnapshots.Select(b => b.Counters)), busSnapshots));
        }

        return new AcquisitionSnapshot(_time.GetUtcNow(), gateways);
    }

    private Task StopAsync(RunningBus running) => running.StopAsync(_logger);
}
