using Microsoft.Extensions.Logging;
using Prepaid.Acquisition.Drivers;
using Prepaid.Acquisition.Logging;
using Prepaid.Acquisition.Modbus;
using Prepaid.Domain.Model;

namespace Prepaid.Acquisition.Polling;

/// <summary>
/// The poll loop of one serial bus behind a gateway. It owns one Modbus client (one connection, one request in
/// flight), polls each meter on its plan, runs queued commands before the next meter read (never in parallel with
/// one), backs off dead meters, and detects a bus that answers nothing. Never throws out of its loop for a fault.
/// </summary>
public sealed partial class BusPoller : IAsyncDisposable
{
    private readonly AcquisitionOptions _options;
    private readonly TimeProvider _time;
    private readonly IReadingSink _sink;
    private readonly ModbusClient _client;
    private readonly InstrumentedTransport _transport;
    private readonly Lock _sync = new();
    private readonly BusMeterTable _meters;
    private readonly BusCommandQueue _commands = new();
    private readonly BusHealth _health;
    private readonly BusCommandExecutor _executor;
    private readonly ILogger _logger;
    private int _disposed;

    /// <summary>
    /// Creates the poller of <paramref name="bus"/> on <paramref name="gateway"/>; <see cref="RunAsync"/> starts it.
    /// <paramref name="logger"/> receives its faults and state changes (none when null); a logger that throws is ignored.
    /// </summary>
    public BusPoller(GatewayConfig gateway, BusConfig bus, IReadingSink sink, AcquisitionOptions? options = null, ILogger<BusPoller>? logger = null)
    {
        Gateway = gateway ?? throw new ArgumentNullException(nameof(gateway));
        Bus = bus ?? throw new ArgumentNullException(nameof(bus));
        _sink = sink ?? throw new ArgumentNullException(nameof(sink));
        _options = options ?? new AcquisitionOptions();
        _options.Validate();
        bus.Validate();
        _logger = GuardedLogger.Wrap(logger);
        _time = _options.TimeProvider;
        var clientOptions = new ModbusClientOptions
        {
            Timeout = bus.ResponseTimeout,
            Retries = 0, // the transport retries, per meter
            ReconnectDelay = _options.ReconnectDelay,
            MaxReconnectDelay = _options.MaxReconnectDelay < _options.ReconnectDelay ? _options.ReconnectDelay : _options.MaxReconnectDelay,
        };
        _client = gateway.Framing == GatewayFraming.RtuOverTcp
            ? ModbusClient.ForRtuOverTcp(gateway.Host, bus.Port, clientOptions, _time)
            : ModbusClient.ForTcp(gateway.Host, bus.Port, clientOptions, _time);
        _transport = new InstrumentedTransport(_client, _time, bus.ResponseTimeout, bus.Retries);
        _meters = new BusMeterTable(_transport, _options.Driver with { TimeProvider = _time });
        _health = new BusHealth(_options, $"{gateway.Host}:{bus.Port}", _time.GetUtcNow());
        _executor = new BusCommandExecutor(_options, _time, _transport, ObserveAfterCommand, _logger, gateway.Id, bus.Id);
        UpdateMeters(bus.Meters);
    }

    /// <summary>The gateway.</summary>
    public GatewayConfig Gateway { get; }

    /// <summary>The bus (connection settings as created; see <see cref="UpdateMeters"/> for its meters).</summary>
    public BusConfig Bus { get; }

    /// <summary>True while the bus answers nothing or its gateway port cannot be reached.</summary>
    public bool IsDown
    {
        get
        {
            lock (_sync)
            {
                return _health.IsDown;
            }
        }
    }

    /// <summary>The meters polled now.</summary>
    public IReadOnlyList<MeterConfig> Meters
    {
        get
        {
            lock (_sync)
            {
                return [.. _meters.All.Select(s => s.Config)];
            }
        }
    }

    /// <summary>
    /// Replaces the meters without restarting the bus: new meters are polled at once, removed ones dropped, changed
    /// periods applied, a changed unit id or profile gets a new driver. Unchanged meters keep their state.
    /// </summary>
    public void UpdateMeters(IReadOnlyList<MeterConfig> meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        (Bus with { Meters = meters }).Validate();
        var now = _time.GetUtcNow();
        lock (_sync)
        {
            foreach (var id in _meters.Update(meters, now))
            {
                _health.Forget(id);
            }
        }

        _commands.Wake();
    }

    /// <summary>
    /// Queues a command for a meter on this bus. It runs before the next meter read, with read-back confirmation and
    /// retries. Cancelling <paramref name="cancellationToken"/> withdraws it only while it waits in the queue.
    /// </summary>
    public Task<CommandResult> EnqueueAsync(AcquisitionCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var pending = new PendingCommand(command, _time.GetUtcNow());
        if (cancellationToken.CanBeCanceled)
        {
            pending.Registration = cancellationToken.Register(() => pending.Completion.TrySetCanceled(cancellationToken));
        }

        _commands.Enqueue(pending);
        return pending.Completion.Task;
    }

    /// <summary>Takes the commands still queued (to move them to the poller that replaces this one).</summary>
    internal List<PendingCommand> TakeQueuedCommands() => _commands.TakeAll();

    /// <summary>Queues commands taken from another poller, keeping their requesters' tasks.</summary>
    internal void Adopt(PendingCommand pending) => _commands.Enqueue(pending);

    /// <summary>Counters and states for the diagnostics page.</summary>
    public BusSnapshot GetSnapshot() => GetSnapshot(out _);

    internal BusSnapshot GetSnapshot(out DateTimeOffset upSince)
    {
        var now = _time.GetUtcNow();
        lock (_sync)
        {
            upSince = _health.UpSince;
            var meters = _meters.All.OrderBy(s => s.Config.UnitId).Select(s => s.Snapshot(now, _options)).ToList();
            return new BusSnapshot(Gateway.Id, Bus.Id, Bus.Port, Bus.BaudRate, _health.IsDown, _health.StateSince, _health.DownReason, _commands.Count,
                _transport.Counters(), meters);
        }
    }

    /// <summary>
    /// Polls until <paramref name="cancellationToken"/> is cancelled (or the poller is disposed); commands still queued then are
    /// cancelled. Call once; dispose after it has returned.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested && Volatile.Read(ref _disposed) == 0)
            {
                try
                {
                    await IterateAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception ex)
                {
                    PollingLog.LoopFailed(_logger, ex, Gateway.Id, Bus.Id);
                    try
                    {
                        await Task.Delay(_options.ErrorBackoff, _time, cancellationToken).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }
                }
            }
        }
        finally
        {
            _commands.CancelAll();
            if (Volatile.Read(ref _disposed) == 0)
            {
                await _client.DisconnectAsync().ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _commands.CancelAll();
        await _client.DisposeAsync().ConfigureAwait(false);
        _commands.Dispose();
    }
}
