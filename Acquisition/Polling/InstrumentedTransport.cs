using Prepaid.Acquisition.Drivers;
using Prepaid.Acquisition.Modbus;

namespace Prepaid.Acquisition.Polling;

/// <summary>
/// The bus's register transport: enforces each meter's timeout and retries, counts every attempt and classifies its
/// failure, so the poller can tell a silent meter from a dead connection even though the drivers turn faults into
/// qualities. The client underneath makes single attempts (its timeout is the bus's).
/// </summary>
internal sealed class InstrumentedTransport(ModbusClient client, TimeProvider time, TimeSpan busTimeout, int busRetries) : IModbusRegisterTransport
{
    private readonly Lock _sync = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<byte, (TimeSpan? Timeout, int? Retries)> _policies = new();
    private long _requests;
    private long _errors;
    private long _timeouts;
    private TimeSpan _totalLatency;
    private TimeSpan _worstLatency;
    private DateTimeOffset? _lastSuccess;

    /// <summary>Attempts with a valid answer (data or a meter's exception answer) since <see cref="BeginOperation"/>.</summary>
    public int Answered { get; private set; }

    /// <summary>Attempts without any answer from the meter (timeout, 0x0A/0x0B, corrupt frames) since <see cref="BeginOperation"/>.</summary>
    public int Silent { get; private set; }

    /// <summary>Attempts that failed on the connection (cannot connect, connection closed) since <see cref="BeginOperation"/>.</summary>
    public int ConnectionFailures { get; private set; }

    /// <summary>Message of the last failure since <see cref="BeginOperation"/>.</summary>
    public string? LastFailure { get; private set; }

    /// <summary>Sets a meter's own timeout (at most the bus's) and retries; nulls take the bus's.</summary>
    public void SetPolicy(byte unitId, TimeSpan? timeout, int? retries)
    {
        if (timeout is null && retries is null)
        {
            _policies.TryRemove(unitId, out _);
        }
        else
        {
            _policies[unitId] = (timeout, retries);
        }
    }

    /// <summary>Resets the per-operation classification (the poller is the only user, one operation at a time).</summary>
    public void BeginOperation()
    {
        Answered = 0;
        Silent = 0;
        ConnectionFailures = 0;
        LastFailure = null;
    }

    public CommunicationCounters Counters()
    {
        lock (_sync)
        {
            return new(_requests, _errors, _timeouts, _requests > 0 ? _totalLatency / _requests : TimeSpan.Zero, _worstLatency, _lastSuccess);
        }
    }

    public Task<ushort[]> ReadHoldingRegistersAsync(byte unitId, ushort address, int count, CancellationToken cancellationToken) =>
        AttemptAsync(unitId, token => client.ReadHoldingRegistersAsync(unitId, address, count, token), cancellationToken);

    public Task WriteMultipleRegistersAsync(byte unitId, ushort address, ushort[] values, CancellationToken cancellationToken) =>
        AttemptAsync(unitId, async token =>
        {
            await client.WriteMultipleRegistersAsync(unitId, address, values, token).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    private async Task<T> AttemptAsync<T>(byte unitId, Func<CancellationToken, Task<T>> request, CancellationToken cancellationToken)
    {
        var (timeout, retries) = _policies.TryGetValue(unitId, out var policy) ? policy : default;
        var attemptTimeout = timeout is { } t && t < busTimeout ? t : (TimeSpan?)null;
        var maxRetries = retries ?? busRetries;
        for (var attempt = 0; ; attempt++)
        {
            var started = time.GetTimestamp();
            using var meterTimeout = attemptTimeout is { } mt ? new CancellationTokenSource(mt, time) : null;
            using var linked = meterTimeout is null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, meterTimeout.Token);
            ModbusCommunicationException failure;
            Outcome outcome;
            try
            {
                var result = await request(linked?.Token ?? cancellationToken).ConfigureAwait(false);
                Record(Outcome.Answered, time.GetElapsedTime(started), null);
                return result;
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && meterTimeout is { IsCancellationRequested: true })
            {
                failure = client.IsConnected
                    ? new ModbusTimeoutException($"No answer from unit {unitId} within its timeout of {attemptTimeout!.Value.TotalMilliseconds} ms.", ex)
                    : new ModbusCommunicationException($"No connection for unit {unitId} within {attemptTimeout!.Value.TotalMilliseconds} ms.", ex);
                outcome = client.IsConnected ? Outcome.Timeout : Outcome.Connection;
            }
            catch (ModbusGatewayException ex)
            {
                // The gateway already waited for the meter: no retry from here either.
                Record(Outcome.Silent, time.GetElapsedTime(started), ex.Message);
                throw;
            }
            catch (ModbusTimeoutException ex)
            {
                failure = ex;
                outcome = Outcome.Timeout;
            }
            catch (ModbusProtocolException ex)
            {
                failure = ex;
                outcome = Outcome.Silent;
            }
            catch (ModbusCommunicationException ex)
            {
                failure = ex;
                outcome = Outcome.Connection;
            }
            catch (ModbusExceptionResponseException ex)
            {
                Record(Outcome.ExceptionAnswer, time.GetElapsedTime(started), ex.Message);
                throw;
            }

            Record(outcome, time.GetElapsedTime(started), failure.Message);
            if (attempt >= maxRetries)
            {
                throw failure;
            }
        }
    }

    private void Record(Outcome outcome, TimeSpan latency, string? failure)
    {
        switch (outcome)
        {
            case Outcome.Answered or Outcome.ExceptionAnswer:
                Answered++;
                break;
            case Outcome.Timeout or Outcome.Silent:
                Silent++;
                break;
            default:
                ConnectionFailures++;
                break;
        }

        if (failure is not null)
        {
            LastFailure = failure;
        }

        lock (_sync)
        {
            _requests++;
            _totalLatency += latency;
            if (latency > _worstLatency)
            {
                _worstLatency = latency;
            }

            if (outcome != Outcome.Answered)
            {
                _errors++;
            }

            if (outcome == Outcome.Timeout)
            {
                _timeouts++;
            }

            if (outcome is Outcome.Answered or Outcome.ExceptionAnswer)
            {
                _lastSuccess = time.GetUtcNow();
            }
        }
    }

    private enum Outcome
    {
        Answered,
        ExceptionAnswer,
        Timeout,
        Silent,
        Connection,
    }
}
