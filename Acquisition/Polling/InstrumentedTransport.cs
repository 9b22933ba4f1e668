using Prepaid.Acquisition.Drivers;
using Prepaid.Acquisition.Modbus;

namespace Prepaid.Acquisition.Polling;

/// <summary>
/// The bus's register transport: counts every request and classifies its failure, so the poller can tell a silent
/// meter from a dead connection even though the drivers turn faults into qualities.
/// </summary>
internal sealed class InstrumentedTransport(IModbusRegisterTransport inner, TimeProvider time) : IModbusRegisterTransport
{
    private readonly Lock _sync = new();
    private long _requests;
    private long _errors;
    private long _timeouts;
    private TimeSpan _totalLatency;
    private TimeSpan _worstLatency;
    private DateTimeOffset? _lastSuccess;

    /// <summary>Requests with a valid answer (data or a meter's exception answer) since <see cref="BeginOperation"/>.</summary>
    public int Answered { get; private set; }

    /// <summary>Requests without any answer from the meter (timeout, 0x0A/0x0B, corrupt frames) since <see cref="BeginOperation"/>.</summary>
    public int Silent { get; private set; }

    /// <summary>Requests that failed on the connection (cannot connect, connection closed) since <see cref="BeginOperation"/>.</summary>
    public int ConnectionFailures { get; private set; }

    /// <summary>Message of the last failure since <see cref="BeginOperation"/>.</summary>
    public string? LastFailure { get; private set; }

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
        MeasureAsync(() => inner.ReadHoldingRegistersAsync(unitId, address, count, cancellationToken));

    public Task WriteMultipleRegistersAsync(byte unitId, ushort address, ushort[] values, CancellationToken cancellationToken) =>
        MeasureAsync(async () =>
        {
            await inner.WriteMultipleRegistersAsync(unitId, address, values, cancellationToken).ConfigureAwait(false);
            return true;
        });

    private async Task<T> MeasureAsync<T>(Func<Task<T>> request)
    {
        var started = time.GetTimestamp();
        var outcome = Outcome.Answered;
        try
        {
            return await request().ConfigureAwait(false);
        }
        catch (ModbusTimeoutException ex)
        {
            outcome = Outcome.Timeout;
            LastFailure = ex.Message;
            throw;
        }
        catch (Exception ex) when (ex is ModbusGatewayException or ModbusProtocolException)
        {
            outcome = Outcome.Silent;
            LastFailure = ex.Message;
            throw;
        }
        catch (ModbusCommunicationException ex)
        {
            outcome = Outcome.Connection;
            LastFailure = ex.Message;
            throw;
        }
        catch (ModbusExceptionResponseException ex)
        {
            outcome = Outcome.ExceptionAnswer;
            LastFailure = ex.Message;
            throw;
        }
        catch (OperationCanceledException)
        {
            outcome = Outcome.Cancelled;
            throw;
        }
        finally
        {
            Record(outcome, time.GetElapsedTime(started));
        }
    }

    private void Record(Outcome outcome, TimeSpan latency)
    {
        if (outcome == Outcome.Cancelled)
        {
            return;
        }

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
        Cancelled,
    }
}
