using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Prepaid.Acquisition.Logging;

namespace Prepaid.Acquisition.Modbus;

/// <summary>
/// Modbus TCP or RTU-over-TCP server hosting many unit ids, each an <see cref="IModbusUnit"/>. Serves
/// concurrent connections, one request at a time per connection. An unknown unit id gets no answer with RTU
/// framing (like a silent device on a bus) and exception 0x0B with TCP framing (like a gateway). With RTU
/// framing, unit 0 is a broadcast that every unit applies without answering.
/// <see cref="FaultInjector"/> makes units misbehave on purpose for tests and the simulator.
/// </summary>
public sealed class ModbusServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<byte, IModbusUnit> _units = new();
    private readonly ConcurrentDictionary<int, (TcpClient Client, Task Task)> _connections = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly IModbusFramer _framer;
    private readonly ILogger _logger;
    private TcpListener? _listener;
    private Task? _acceptLoop;
    private int _nextConnectionId;
    private int _boundPort;

    /// <summary>
    /// Creates a server; call <see cref="Start"/> to listen. <paramref name="logger"/> receives its connections and faulty
    /// units (none when null); a logger that throws is ignored.
    /// </summary>
    public ModbusServer(ModbusServerOptions? options = null, ILogger<ModbusServer>? logger = null)
    {
        Options = options ?? new ModbusServerOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.MaxConnections, 1);
        if (Options.IdleTimeout <= TimeSpan.Zero && Options.IdleTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(options), Options.IdleTimeout, "The idle timeout must be positive or infinite.");
        }

        _framer = IModbusFramer.For(Options.Framing);
        _logger = GuardedLogger.Wrap(logger);
    }

    /// <summary>The options the server was created with.</summary>
    public ModbusServerOptions Options { get; }

    /// <summary>The bound port (useful when <see cref="ModbusServerOptions.Port"/> is 0); 0 before start.</summary>
    public int Port => _listener is { } listener ? ((IPEndPoint)listener.LocalEndpoint).Port : 0;

    /// <summary>Number of open client connections.</summary>
    public int ConnectionCount => _connections.Count;

    /// <summary>Optional fault injection, consulted once per request.</summary>
    public ModbusFaultInjector? FaultInjector { get; set; }

    /// <summary>Hosts <paramref name="unit"/> under <paramref name="unitId"/>, replacing any previous one.</summary>
    public void AddUnit(byte unitId, IModbusUnit unit) =>
        _units[unitId] = unit ?? throw new ArgumentNullException(nameof(unit));

    /// <summary>Stops hosting <paramref name="unitId"/>.</summary>
    public bool RemoveUnit(byte unitId) => _units.TryRemove(unitId, out _);

    /// <summary>Binds the listener and starts accepting connections.</summary>
    public void Start()
    {
        if (_listener is not null)
        {
            throw new InvalidOperationException("The server is already started.");
        }

        _listener = new TcpListener(Options.Address, Options.Port);
        _listener.Start();
        _boundPort = Port;
        ModbusServerLog.Listening(_logger, Options.Framing, Options.Address.ToString(), _boundPort);
        _acceptLoop = AcceptLoopAsync(_listener, _stopping.Token);
    }

    /// <summary>Starts, serves until <paramref name="cancellationToken"/> is cancelled, then stops cleanly.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Start();
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Cancellation is the normal way to end a run.
        }
        finally
        {
            await StopAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Closes every client connection (the listener stays open), to simulate a network drop.</summary>
    public void DropConnections()
    {
        foreach (var connection in _connections.Values)
        {
            connection.Client.Dispose();
        }
    }

    /// <summary>Stops listening, closes all connections and waits for their handlers to finish.</summary>
    public async Task StopAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener?.Stop();
        DropConnections();
        var tasks = _connections.Values.Select(c => c.Task).ToList();
        if (_acceptLoop is not null)
        {
            tasks.Add(_acceptLoop);
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _listener?.Dispose();
        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync(TcpListener listener, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            if (_connections.Count >= Options.MaxConnections)
            {
                // Full, like a gateway whose master slots are taken: the newcomer is closed, the masters it would crowd out keep polling.
                ModbusServerLog.ConnectionRefused(_logger, _boundPort, client.Client.RemoteEndPoint?.ToString(), Options.MaxConnections);
                client.Dispose();
                continue;
            }

            client.NoDelay = true;
            var id = Interlocked.Increment(ref _nextConnectionId);
            ModbusServerLog.ConnectionAccepted(_logger, _boundPort, id, client.Client.RemoteEndPoint?.ToString());
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var task = Task.Run(async () =>
            {
                await started.Task.ConfigureAwait(false);
                try
                {
                    await ServeAsync(client, id, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    _connections.TryRemove(id, out _);
                }
            }, CancellationToken.None);
            _connections[id] = (client, task);
            started.SetResult();
        }
    }

    private async Task ServeAsync(TcpClient client, int connection, CancellationToken cancellationToken)
    {
        Exception? failure = null;
        try
        {
            using (client)
            {
                // GetStream throws when StopAsync or DropConnections closed the client before this handler ran.
                await using var channel = new StreamModbusChannel(client.GetStream());
                var reader = new FrameReader(channel);
                while (!cancellationToken.IsCancellationRequested)
                {
                    ModbusFrame frame;
                    using (var idle = IdleToken(cancellationToken))
                    {
                        frame = await _framer.ReadRequestAsync(reader, idle.Token).ConfigureAwait(false);
                    }

                    var reply = await RespondAsync(frame, cancellationToken).ConfigureAwait(false);
                    if (reply is null)
                    {
                        continue;
                    }

                    if (reply.Length == 0)
                    {
                        return;
                    }

                    await channel.WriteAsync(reply, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex) when (ex is ModbusException or IOException or SocketException or ObjectDisposedException
                                       or OperationCanceledException or InvalidOperationException)
        {
            // The peer went away, sent an unrecoverable TCP header, or the server is stopping.
            failure = ex;
        }
        finally
        {
            ModbusServerLog.ConnectionEnded(_logger, failure, _boundPort, connection);
        }
    }

    /// <summary>The bytes to send, null for no answer, or an empty array to close the connection.</summary>
    private async Task<byte[]?> RespondAsync(ModbusFrame frame, CancellationToken cancellationToken)
    {
        var fault = FaultInjector?.Invoke(frame.UnitId, frame.Pdu) ?? ModbusFault.None;
        switch (fault.Kind)
        {
            case ModbusFaultKind.Silent:
                return null;
            case ModbusFaultKind.Disconnect:
                return [];
            case ModbusFaultKind.Garbage:
                return [.. fault.Garbage];
            case ModbusFaultKind.Exception:
                return Encode(frame, ModbusPdu.CreateException(frame.Pdu.FunctionCode, fault.ExceptionCode));
            case ModbusFaultKind.Slow:
                await Task.Delay(fault.Delay, Options.TimeProvider, cancellationToken).ConfigureAwait(false);
                break;
        }

        if (frame.UnitId == 0 && Options.Framing == ModbusFraming.Rtu && !_units.ContainsKey(0))
        {
            // RTU broadcast: every unit applies the write, nobody answers.
            foreach (var (targetId, target) in _units)
            {
                await HandleAsync(targetId, target, frame.Pdu, cancellationToken).ConfigureAwait(false);
            }

            return null;
        }

        if (!_units.TryGetValue(frame.UnitId, out var unit))
        {
            return Options.Framing == ModbusFraming.Rtu
                ? null
                : Encode(frame, ModbusPdu.CreateException(frame.Pdu.FunctionCode, ModbusExceptionCode.GatewayTargetDeviceFailedToRespond));
        }

        var response = await HandleAsync(frame.UnitId, unit, frame.Pdu, cancellationToken).ConfigureAwait(false);
        var bytes = Encode(frame, response);
        switch (fault.Kind)
        {
            case ModbusFaultKind.ApplyAndDropAnswer:
                return null;
            case ModbusFaultKind.CorruptCrc:
                bytes[^1] ^= 0x5A;
                return bytes;
            case ModbusFaultKind.GarbageThenAnswer:
                return [.. fault.Garbage, .. bytes];
            default:
                return bytes;
        }
    }

    private async Task<ModbusPdu> HandleAsync(byte unitId, IModbusUnit unit, ModbusPdu request, CancellationToken cancellationToken)
    {
        try
        {
            return await unit.HandleAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (ModbusExceptionResponseException ex)
        {
            return ModbusPdu.CreateException(request.FunctionCode, ex.ExceptionCode);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A faulty unit must not take the connection down: answer 04 as a device would, and say so in the log.
            ModbusServerLog.UnitFailed(_logger, ex, _boundPort, unitId, request.FunctionCode);
            return ModbusPdu.CreateException(request.FunctionCode, ModbusExceptionCode.ServerDeviceFailure);
        }
    }

    private byte[] Encode(ModbusFrame request, ModbusPdu response) =>
        _framer.Encode(request.TransactionId, request.UnitId, response);

    private IdleWindow IdleToken(CancellationToken stopping) => new(Options.IdleTimeout, Options.TimeProvider, stopping);

    /// <summary>The token one request read waits on: cancelled when the server stops or the peer stays silent too long.</summary>
    private sealed class IdleWindow : IDisposable
    {
        private readonly CancellationTokenSource? _timer;
        private readonly CancellationTokenSource _linked;

        public IdleWindow(TimeSpan timeout, TimeProvider time, CancellationToken stopping)
        {
            _timer = timeout == Timeout.InfiniteTimeSpan ? null : new CancellationTokenSource(timeout, time);
            _linked = _timer is null ? CancellationTokenSource.CreateLinkedTokenSource(stopping) : CancellationTokenSource.CreateLinkedTokenSource(stopping, _timer.Token);
        }

        public CancellationToken Token => _linked.Token;

        public void Dispose()
        {
            _linked.Dispose();
            _timer?.Dispose();
        }
    }
}
