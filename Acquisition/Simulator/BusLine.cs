using Prepaid.Acquisition.Modbus;

namespace Prepaid.Acquisition.Simulator;

/// <summary>
/// One simulated RS485 line: at most one transaction at a time, each holding the line for its wire time, so a
/// bus's capacity is what the baud rate allows whatever the number of TCP clients.
/// </summary>
public sealed class BusLine : IDisposable
{
    private readonly SemaphoreSlim _line = new(1, 1);
    private readonly TimeProvider _clock;
    private long _busyTicks;
    private long _transactions;

    /// <summary>Creates a line at <paramref name="baudRate"/>; waits run on <paramref name="clock"/> (real time by default).</summary>
    public BusLine(int baudRate, TimeSpan turnaround, TimeProvider? clock = null)
    {
        _ = WireTiming.Character(baudRate);
        BaudRate = baudRate;
        Turnaround = turnaround;
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>Serial speed.</summary>
    public int BaudRate { get; }

    /// <summary>Meter turnaround added to each transaction.</summary>
    public TimeSpan Turnaround { get; }

    /// <summary>Transactions carried so far.</summary>
    public long Transactions => Interlocked.Read(ref _transactions);

    /// <summary>Total wire time spent so far.</summary>
    public TimeSpan BusyTime => TimeSpan.FromTicks(Interlocked.Read(ref _busyTicks));

    /// <summary>Runs one transaction on the line: waits for the line, lets the unit answer, holds the line for the wire time.</summary>
    public async ValueTask<ModbusPdu> CarryAsync(IModbusUnit unit, ModbusPdu request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unit);
        await _line.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var response = await unit.HandleAsync(request, cancellationToken).ConfigureAwait(false);
            var wire = WireTiming.Transaction(BaudRate, request, response, Turnaround);
            Interlocked.Add(ref _busyTicks, wire.Ticks);
            Interlocked.Increment(ref _transactions);
            await Task.Delay(wire, _clock, cancellationToken).ConfigureAwait(false);
            return response;
        }
        finally
        {
            _line.Release();
        }
    }

    /// <summary>
    /// Holds the line for <paramref name="duration"/> with no answer, as a Modbus TCP gateway waiting out its
    /// timeout on a silent meter before it answers 0x0B; other requests on the bus wait meanwhile.
    /// </summary>
    public async ValueTask HoldAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        await _line.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Interlocked.Add(ref _busyTicks, duration.Ticks);
            Interlocked.Increment(ref _transactions);
            await Task.Delay(duration, _clock, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _line.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _line.Dispose();
}
