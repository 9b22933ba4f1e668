namespace Prepaid.Acquisition.Modbus;

/// <summary>
/// Modbus master for one connection or bus. Async with cancellation; one request in flight at a time
/// (enforced here, since a bus or a gateway port cannot pipeline); per-attempt timeout; retries on transport
/// faults; exception 06 backs off and retries; 0x0A/0x0B surface as <see cref="ModbusGatewayException"/>;
/// other exception answers as <see cref="ModbusExceptionResponseException"/>; reconnects with exponential
/// back-off after a connection loss. Back-off waits go through the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed partial class ModbusClient : IAsyncDisposable
{
    private readonly IModbusChannelFactory _factory;
    private readonly IModbusFramer _framer;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _lifetime = new();
    private FrameReader? _reader;
    private ushort _transactionId;
    private int _consecutiveFailures;
    private bool _disposed;

    /// <summary>Creates a client that opens its channel through <paramref name="factory"/> on first use.</summary>
    public ModbusClient(IModbusChannelFactory factory, ModbusClientOptions? options = null, TimeProvider? timeProvider = null)
    {
        _factory = factory ?? throw new ArgumentNullException(nameof(factory));
        Options = options ?? new ModbusClientOptions();
        Options.Validate();
        _framer = IModbusFramer.For(Options.Framing);
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The options in force.</summary>
    public ModbusClientOptions Options { get; }

    /// <summary>True while a channel is open.</summary>
    public bool IsConnected => _reader is not null;

    /// <summary>Modbus TCP client for a device or gateway.</summary>
    public static ModbusClient ForTcp(string host, int port = 502, ModbusClientOptions? options = null, TimeProvider? timeProvider = null) =>
        new(new TcpModbusChannelFactory(host, port), (options ?? new ModbusClientOptions()) with { Framing = ModbusFraming.Tcp }, timeProvider);

    /// <summary>RTU client through a transparent TCP gateway.</summary>
    public static ModbusClient ForRtuOverTcp(string host, int port, ModbusClientOptions? options = null, TimeProvider? timeProvider = null) =>
        new(new TcpModbusChannelFactory(host, port), (options ?? new ModbusClientOptions()) with { Framing = ModbusFraming.Rtu }, timeProvider);

    /// <summary>RTU client on a local serial port.</summary>
    public static ModbusClient ForSerial(ModbusSerialSettings settings, ModbusClientOptions? options = null, TimeProvider? timeProvider = null) =>
        new(new SerialModbusChannelFactory(settings), (options ?? new ModbusClientOptions()) with { Framing = ModbusFraming.Rtu }, timeProvider);

    /// <summary>
    /// Sends any request PDU (including vendor-private function codes) and returns the validated response
    /// PDU. Exception answers throw. For RTU, a private function's answer is delimited by its CRC.
    /// </summary>
    public Task<ModbusPdu> SendAsync(byte unitId, ModbusPdu request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ExecuteAsync(unitId, request, response =>
        {
            ModbusResponses.ThrowIfException(unitId, request, response);
            return response;
        }, cancellationToken);
    }

    /// <summary>Closes the channel; the next request reconnects.</summary>
    public async Task DisconnectAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await CloseChannelAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Cancels requests in flight or waiting (they throw <see cref="OperationCanceledException"/>) and closes the channel.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        // Cancel first, or a request sitting in a long back-off would hold the gate and stall disposal.
        _disposed = true;
        await _lifetime.CancelAsync().ConfigureAwait(false);
        await DisconnectAsync().ConfigureAwait(false);
        _gate.Dispose();
        _lifetime.Dispose();
    }

    private async Task<T> ExecuteAsync<T>(byte unitId, ModbusPdu request, Func<ModbusPdu, T> decode, CancellationToken callerToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(callerToken, _lifetime.Token);
        var cancellationToken = linked.Token;
        if (unitId == 0 && Options.Framing == ModbusFraming.Rtu && !IsBroadcastWrite(request.FunctionCode))
        {
            throw new ArgumentException("RTU unit 0 is broadcast: it carries writes (FC05, 06, 15, 16) only and gets no answer.", nameof(unitId));
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var transportFailures = 0;
            var busyAnswers = 0;
            while (true)
            {
                ModbusCommunicationException fault;
                try
                {
                    var response = await AttemptAsync(unitId, request, cancellationToken).ConfigureAwait(false);
                    _consecutiveFailures = 0;
                    if (response is null)
                    {
                        return default!;
                    }

                    if (response.ExceptionCode == ModbusExceptionCode.ServerDeviceBusy && busyAnswers < Options.BusyRetries)
                    {
                        await Task.Delay(Options.BusyDelay * (1 << busyAnswers), _time, cancellationToken).ConfigureAwait(false);
                        busyAnswers++;
                        continue;
                    }

                    return decode(response);
                }
                catch (ModbusTimeoutException ex)
                {
                    // Keep the connection: TCP skips the late answer by transaction id, RTU flushes before the next request.
                    fault = ex;
                }
                catch (ModbusProtocolException ex)
                {
                    fault = ex;
                    if (Options.Framing == ModbusFraming.Tcp)
                    {
                        await LoseConnectionAsync().ConfigureAwait(false);
                    }
                }
                catch (ModbusGatewayException)
                {
                    throw;
                }
                catch (ModbusCommunicationException ex)
                {
                    fault = ex;
                    await LoseConnectionAsync().ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or ObjectDisposedException
                                               || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    fault = new ModbusCommunicationException($"Connection to {_factory} failed: {ex.Message}", ex);
                    await LoseConnectionAsync().ConfigureAwait(false);
                }

                if (++transportFailures > Options.Retries)
                {
                    throw fault;
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>One request/response exchange; null for an RTU broadcast (unit 0), which gets no answer.</summary>
    private async Task<ModbusPdu?> AttemptAsync(byte unitId, ModbusPdu request, CancellationToken cancellationToken)
    {
        var reader = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        var transactionId = ++_transactionId;
        if (_framer.FlushBeforeRequest)
        {
            reader.Discard();
        }

        var skippedBefore = reader.SkippedBytes;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Options.Timeout);
        try
        {
            await reader.Channel.WriteAsync(_framer.Encode(transactionId, unitId, request), timeout.Token).ConfigureAwait(false);
            if (unitId == 0 && Options.Framing == ModbusFraming.Rtu)
            {
                return null;
            }

            return await _framer.ReadResponseAsync(reader, transactionId, unitId, request, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Bytes that failed CRC or framing mean a noisy line or a corrupt answer, which is worth telling apart from silence.
            var skipped = reader.SkippedBytes - skippedBefore;
            if (skipped > 0)
            {
                throw new ModbusProtocolException(
                    $"No valid answer from unit {unitId} at {_factory} within {Options.Timeout.TotalMilliseconds} ms; {skipped} bytes failed CRC or framing (function 0x{request.FunctionCode:X2}).", ex);
            }

            throw new ModbusTimeoutException(
                $"No valid answer from unit {unitId} at {_factory} within {Options.Timeout.TotalMilliseconds} ms (function 0x{request.FunctionCode:X2}).", ex);
        }
    }

    private async Task<FrameReader> ConnectAsync(CancellationToken cancellationToken)
    {
        if (_reader is not null)
        {
            return _reader;
        }

        if (_consecutiveFailures > 0)
        {
            var exponent = Math.Min(_consecutiveFailures - 1, 20);
            var delay = Options.ReconnectDelay * (1L << exponent);
            await Task.Delay(delay < Options.MaxReconnectDelay ? delay : Options.MaxReconnectDelay, _time, cancellationToken).ConfigureAwait(false);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Options.Timeout);
        try
        {
            var channel = await _factory.OpenAsync(timeout.Token).ConfigureAwait(false);
            _reader = new FrameReader(channel);
            return _reader;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not ModbusException)
        {
            throw new ModbusCommunicationException($"Cannot connect to {_factory}: {ex.Message}", ex);
        }
    }

    private static bool IsBroadcastWrite(byte functionCode) =>
        functionCode is ModbusFunctionCodes.WriteSingleCoil or ModbusFunctionCodes.WriteSingleRegister
            or ModbusFunctionCodes.WriteMultipleCoils or ModbusFunctionCodes.WriteMultipleRegisters;

    private async Task LoseConnectionAsync()
    {
        _consecutiveFailures++;
        await CloseChannelAsync().ConfigureAwait(false);
    }

    private async Task CloseChannelAsync()
    {
        if (_reader is { } reader)
        {
            _reader = null;
            try
            {
                await reader.Channel.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or ObjectDisposedException)
            {
                // Closing a broken connection may fail; it is gone either way.
            }
        }
    }
}
