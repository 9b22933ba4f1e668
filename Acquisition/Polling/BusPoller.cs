using System.Collections.Concurrent;
using Prepaid.Acquisition.Drivers;
using Prepaid.Acquisition.Modbus;
using Prepaid.Domain.Model;

namespace Prepaid.Acquisition.Polling;

/// <summary>
/// The poll loop of one serial bus behind a gateway. It owns one Modbus client (one connection, one request in
/// flight), polls each meter on its plan, runs queued commands before the next meter read (never in parallel with
/// one), backs off dead meters, and detects a bus that answers nothing. Never throws out of its loop for a fault.
/// </summary>
public sealed class BusPoller : IAsyncDisposable
{
    private readonly AcquisitionOptions _options;
    private readonly TimeProvider _time;
    private readonly IReadingSink _sink;
    private readonly ModbusClient _client;
    private readonly InstrumentedTransport _transport;
    private readonly MeterDriverOptions _driverOptions;
    private readonly Lock _sync = new();
    private readonly Dictionary<string, MeterSlot> _slots = new(StringComparer.Ordinal);
    private readonly HashSet<string> _silentMeters = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<PendingCommand> _commands = new();
    private readonly SemaphoreSlim _wake = new(0, int.MaxValue);
    private bool _down;
    private string? _downReason;
    private DateTimeOffset _stateSince;
    private DateTimeOffset _upSince;
    private TimeSpan _probeInterval;
    private DateTimeOffset _nextProbe;
    private int _probeCursor;
    private int _disposed;

    /// <summary>Creates the poller of <paramref name="bus"/> on <paramref name="gateway"/>; <see cref="RunAsync"/> starts it.</summary>
    public BusPoller(GatewayConfig gateway, BusConfig bus, IReadingSink sink, AcquisitionOptions? options = null)
    {
        Gateway = gateway ?? throw new ArgumentNullException(nameof(gateway));
        Bus = bus ?? throw new ArgumentNullException(nameof(bus));
        _sink = sink ?? throw new ArgumentNullException(nameof(sink));
        _options = options ?? new AcquisitionOptions();
        _options.Validate();
        bus.Validate();
        _time = _options.TimeProvider;
        _driverOptions = _options.Driver with { TimeProvider = _time };
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
        _stateSince = _upSince = _time.GetUtcNow();
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
                return _down;
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
                return [.. _slots.Values.Select(s => s.Config)];
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
            var wanted = meters.ToDictionary(m => m.Id, StringComparer.Ordinal);
            foreach (var id in _slots.Keys.Where(id => !wanted.ContainsKey(id)).ToList())
            {
                _transport.SetPolicy(_slots[id].Config.UnitId, null, null);
                _slots.Remove(id);
                _silentMeters.Remove(id);
            }

            foreach (var meter in meters)
            {
                _transport.SetPolicy(meter.UnitId, meter.ResponseTimeout, meter.Retries);
                if (_slots.TryGetValue(meter.Id, out var slot) && slot.Config.UnitId == meter.UnitId && slot.Config.Profile == meter.Profile)
                {
                    slot.Config = meter;
                    slot.NextDue = Min(slot.NextDue, now + meter.FastPeriod);
                }
                else
                {
                    _slots[meter.Id] = new MeterSlot(meter, new ModbusMeterDriver(meter.Profile, meter.UnitId, _transport, _driverOptions), now);
                }
            }
        }

        Wake();
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
        Wake();
        return pending.Completion.Task;
    }

    /// <summary>Takes the commands still queued (to move them to the poller that replaces this one).</summary>
    internal List<PendingCommand> TakeQueuedCommands()
    {
        var taken = new List<PendingCommand>();
        while (_commands.TryDequeue(out var pending))
        {
            taken.Add(pending);
        }

        return taken;
    }

    /// <summary>Queues commands taken from another poller, keeping their requesters' tasks.</summary>
    internal void Adopt(PendingCommand pending)
    {
        _commands.Enqueue(pending);
        Wake();
    }

    /// <summary>Counters and states for the diagnostics page.</summary>
    public BusSnapshot GetSnapshot() => GetSnapshot(out _);

    internal BusSnapshot GetSnapshot(out DateTimeOffset upSince)
    {
        var now = _time.GetUtcNow();
        lock (_sync)
        {
            upSince = _upSince;
            var meters = _slots.Values.OrderBy(s => s.Config.UnitId).Select(s => s.Snapshot(now, _options)).ToList();
            return new BusSnapshot(Gateway.Id, Bus.Id, Bus.Port, Bus.BaudRate, _down, _stateSince, _downReason, _commands.Count, _transport.Counters(), meters);
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
                    Log(AcquisitionLogLevel.Error, "LoopError", $"Poll loop of bus {Bus.Id} on {Gateway.Id} failed: {ex.Message}", null, ex);
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
            while (_commands.TryDequeue(out var pending))
            {
                pending.Cancel();
            }

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

        while (_commands.TryDequeue(out var pending))
        {
            pending.Cancel();
        }

        await _client.DisposeAsync().ConfigureAwait(false);
        _wake.Dispose();
    }

    private async Task IterateAsync(CancellationToken cancellationToken)
    {
        if (_commands.TryDequeue(out var pending))
        {
            try
            {
                await ExecuteAsync(pending, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                // Stopping mid-command (or a bug) must not leave the requester waiting forever.
                pending.Cancel();
            }

            return;
        }

        var now = _time.GetUtcNow();
        MeterSlot? due = null;
        var wake = now + TimeSpan.FromSeconds(5);
        lock (_sync)
        {
            if (_slots.Count > 0)
            {
                if (_down)
                {
                    if (now >= _nextProbe)
                    {
                        due = _slots.Values.ElementAt(_probeCursor++ % _slots.Count);
                    }
                    else
                    {
                        wake = _nextProbe;
                    }
                }
                else
                {
                    var earliest = _slots.Values.MinBy(s => s.NextDue)!;
                    if (earliest.NextDue <= now)
                    {
                        due = earliest;
                    }
                    else
                    {
                        wake = Min(wake, earliest.NextDue);
                    }
                }
            }
        }

        if (due is not null)
        {
            await PollAsync(due, cancellationToken).ConfigureAwait(false);
            return;
        }

        await WaitAsync(wake - now, cancellationToken).ConfigureAwait(false);
    }

    private async Task<MeterReading> PollAsync(MeterSlot slot, CancellationToken cancellationToken)
    {
        _transport.BeginOperation();
        var started = _time.GetTimestamp();
        var reading = await slot.Driver.ReadAsync(cancellationToken).ConfigureAwait(false);
        PrepaidParameters? parameters = null;
        var now = _time.GetUtcNow();
        if (reading.IsGood && slot.Config.FullPeriod is { } full && full > TimeSpan.Zero && slot.Driver.Spec.HasPrepaid && slot.Driver.Spec.Kind == MeterKind.Electricity
            && now >= slot.NextFull)
        {
            parameters = await slot.Driver.ReadParametersAsync(cancellationToken).ConfigureAwait(false);
            slot.NextFull = now + full;
        }

        var latency = _time.GetElapsedTime(started);
        now = _time.GetUtcNow();
        bool current;
        lock (_sync)
        {
            current = _slots.TryGetValue(slot.Config.Id, out var s) && ReferenceEquals(s, slot);
            var wasDown = _down;
            slot.Record(reading, now, _options, out var backedOff, out var recovered);
            if (current && backedOff)
            {
                Log(AcquisitionLogLevel.Warning, "MeterBackedOff",
                    $"Meter {slot.Config.Id} failed {slot.ConsecutiveFailures} times; polled every {slot.BackoffMultiplier} periods: {reading.Error}", slot.Config.Id);
            }

            if (current && recovered)
            {
                Log(AcquisitionLogLevel.Information, "MeterRecovered", $"Meter {slot.Config.Id} answers again.", slot.Config.Id);
            }

            UpdateBusHealth(slot.Config.Id, now);
            if (wasDown && _down)
            {
                _probeInterval = Min(_probeInterval * 2, _options.MaxBusProbeInterval);
                _nextProbe = now + _probeInterval;
            }
        }

        if (!current)
        {
            return reading;
        }

        try
        {
            await _sink.WriteAsync(new PolledReading(slot.Config.Id, Gateway.Id, Bus.Id, reading, latency) { Parameters = parameters }, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log(AcquisitionLogLevel.Error, "SinkError", $"The reading sink failed for meter {slot.Config.Id}: {ex.Message}", slot.Config.Id, ex);
        }

        return reading;
    }

    /// <summary>Bus state from the classification of the last operation; called under the lock.</summary>
    private void UpdateBusHealth(string meterId, DateTimeOffset now)
    {
        if (_transport.Answered > 0)
        {
            _silentMeters.Clear();
            if (_down)
            {
                _down = false;
                _downReason = null;
                _stateSince = _upSince = now;
                foreach (var s in _slots.Values)
                {
                    s.ResetBackoff(now);
                }

                Log(AcquisitionLogLevel.Information, "BusUp", $"Bus {Bus.Id} on {Gateway.Id} answers again.", null);
            }

            return;
        }

        if (_down)
        {
            return;
        }

        string? reason = null;
        if (_transport.ConnectionFailures > 0)
        {
            reason = $"Connection to {Gateway.Host}:{Bus.Port} failed: {_transport.LastFailure}";
        }
        else if (_transport.Silent > 0)
        {
            _silentMeters.Add(meterId);
            var needed = Math.Min(_options.BusDownAfterSilentMeters, Math.Max(1, _slots.Count));
            if (_silentMeters.Count >= needed)
            {
                reason = $"No answer from {_silentMeters.Count} meter(s) in a row: {_transport.LastFailure}";
            }
        }

        if (reason is not null)
        {
            _down = true;
            _downReason = reason;
            _stateSince = now;
            _probeInterval = _options.BusProbeInterval;
            _nextProbe = now + _probeInterval;
            Log(AcquisitionLogLevel.Warning, "BusDown", $"Bus {Bus.Id} on {Gateway.Id} is down: {reason}", null);
        }
    }

    private async Task ExecuteAsync(PendingCommand pending, CancellationToken cancellationToken)
    {
        if (pending.Completion.Task.IsCompleted)
        {
            return;
        }

        var command = pending.Command;
        MeterSlot? slot;
        lock (_sync)
        {
            _slots.TryGetValue(command.MeterId, out slot);
        }

        var started = _time.GetUtcNow();
        if (slot is null)
        {
            pending.Complete(new CommandResult(command, CommandResultStatus.Refused, $"Meter {command.MeterId} is not on bus {Bus.Id}.", 0, pending.RequestedAt, null,
                started, null));
            return;
        }

        if (command.Request is ReadStateCommand)
        {
            lock (_sync)
            {
                slot.NextFull = started; // a fresh full read: the parameter block too
            }

            var reading = await PollAsync(slot, cancellationToken).ConfigureAwait(false);
            pending.Complete(new CommandResult(command, reading.IsGood ? CommandResultStatus.Confirmed : CommandResultStatus.Failed,
                reading.IsGood ? "Read." : reading.Error ?? "No answer.", 1, pending.RequestedAt, started, _time.GetUtcNow(), null));
            return;
        }

        var retryable = command.Request is not (DeliverPurchaseCommand or ResumePurchaseCommand);
        var maxAttempts = 1 + (retryable ? _options.CommandRetries : 0);
        CommandOutcome? outcome = null;
        var attempts = 0;
        while (attempts < maxAttempts)
        {
            if (attempts > 0)
            {
                await Task.Delay(_options.CommandRetryDelay, _time, cancellationToken).ConfigureAwait(false);
            }

            attempts++;
            _transport.BeginOperation();
            try
            {
                outcome = await slot.Driver.ExecuteAsync(command.Request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A purchase's PersistIntent may throw: the delivery stops before anything was written.
                outcome = new CommandOutcome(CommandStatus.NotConfirmed, $"The command stopped: {ex.Message}");
                Log(AcquisitionLogLevel.Error, "CommandError", $"Command {command.Request.GetType().Name} for {command.MeterId} threw: {ex.Message}", command.MeterId, ex);
                lock (_sync)
                {
                    UpdateBusHealth(command.MeterId, _time.GetUtcNow());
                }

                break;
            }

            lock (_sync)
            {
                UpdateBusHealth(command.MeterId, _time.GetUtcNow());
            }

            if (outcome.Status is CommandStatus.Confirmed or CommandStatus.Refused or CommandStatus.Unsupported)
            {
                break;
            }

            Log(AcquisitionLogLevel.Warning, "CommandAttemptFailed",
                $"Command {command.Request.GetType().Name} for {command.MeterId} attempt {attempts}/{maxAttempts}: {outcome.Status} {outcome.Detail}", command.MeterId);
        }

        var status = outcome!.Status switch
        {
            CommandStatus.Confirmed => CommandResultStatus.Confirmed,
            CommandStatus.Refused or CommandStatus.Unsupported => CommandResultStatus.Refused,
            _ => CommandResultStatus.Failed,
        };
        if (status == CommandResultStatus.Confirmed)
        {
            lock (_sync)
            {
                slot.NextDue = _time.GetUtcNow(); // read the new state at once
            }
        }

        pending.Complete(new CommandResult(command, status, outcome.Detail, attempts, pending.RequestedAt, started, _time.GetUtcNow(), outcome));
    }

    private async Task WaitAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        if (wait <= TimeSpan.Zero)
        {
            return;
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(wait, _time, linked.Token);
        var woken = _wake.WaitAsync(linked.Token);
        await Task.WhenAny(delay, woken).ConfigureAwait(false);
        await linked.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }

    private void Wake()
    {
        if (Volatile.Read(ref _disposed) == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (ObjectDisposedException)
            {
                // Disposed concurrently: nothing to wake.
            }
        }
    }

    private void Log(AcquisitionLogLevel level, string eventName, string message, string? meterId, Exception? exception = null)
    {
        try
        {
            _options.Log?.Invoke(new AcquisitionLogEntry(level, eventName, message, Gateway.Id, Bus.Id, meterId, exception));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A failing logger must not stop a bus.
        }
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    internal sealed class PendingCommand(AcquisitionCommand command, DateTimeOffset requestedAt)
    {
        public AcquisitionCommand Command { get; } = command;

        public DateTimeOffset RequestedAt { get; } = requestedAt;

        public TaskCompletionSource<CommandResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationTokenRegistration Registration { get; set; }

        public void Complete(CommandResult result)
        {
            Completion.TrySetResult(result);
            Registration.Dispose();
        }

        public void Cancel()
        {
            Completion.TrySetCanceled();
            Registration.Dispose();
        }
    }

    private sealed class MeterSlot(MeterConfig config, IMeterDriver driver, DateTimeOffset addedAt)
    {
        public MeterConfig Config { get; set; } = config;

        public IMeterDriver Driver { get; } = driver;

        public DateTimeOffset AddedAt { get; } = addedAt;

        public DateTimeOffset NextDue { get; set; } = addedAt;

        public DateTimeOffset NextFull { get; set; } = addedAt;

        public DateTimeOffset? LastGood { get; private set; }

        public DateTimeOffset? LastAttempt { get; private set; }

        public string? LastError { get; private set; }

        public int ConsecutiveFailures { get; private set; }

        public int BackoffMultiplier { get; private set; } = 1;

        public long Polls { get; private set; }

        public long Failures { get; private set; }

        public void Record(MeterReading reading, DateTimeOffset now, AcquisitionOptions options, out bool backedOff, out bool recovered)
        {
            Polls++;
            LastAttempt = now;
            backedOff = recovered = false;
            if (reading.IsGood)
            {
                recovered = BackoffMultiplier > 1;
                LastGood = reading.SourceTime;
                LastError = null;
                ConsecutiveFailures = 0;
                BackoffMultiplier = 1;
            }
            else
            {
                Failures++;
                ConsecutiveFailures++;
                LastError = reading.Error;
                var previous = BackoffMultiplier;
                var exponent = ConsecutiveFailures - options.BackoffAfterFailures + 1;
                BackoffMultiplier = exponent <= 0 ? 1 : (int)Math.Min(options.MaxBackoffMultiplier, 1L << Math.Min(exponent, 30));
                backedOff = BackoffMultiplier > previous;
            }

            var period = Config.FastPeriod > TimeSpan.Zero || BackoffMultiplier == 1 ? Config.FastPeriod : options.BusProbeInterval;
            NextDue = now + (period * BackoffMultiplier);
        }

        public void ResetBackoff(DateTimeOffset now)
        {
            ConsecutiveFailures = 0;
            BackoffMultiplier = 1;
            NextDue = now;
        }

        public MeterSnapshot Snapshot(DateTimeOffset now, AcquisitionOptions options)
        {
            var age = now - (LastGood ?? AddedAt);
            var state = age > options.LostAfter ? MeterCommState.Lost
                : age > options.StaleAfter ? MeterCommState.Stale
                : LastGood is null ? MeterCommState.Pending : MeterCommState.Online;
            return new MeterSnapshot(Config.Id, Config.UnitId, Config.Profile, state, LastGood, LastAttempt, LastError, ConsecutiveFailures, BackoffMultiplier, Polls, Failures);
        }
    }
}
