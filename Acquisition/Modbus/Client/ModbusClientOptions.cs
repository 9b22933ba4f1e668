namespace Prepaid.Acquisition.Modbus;

/// <summary>Timeouts, retries and back-off of a <see cref="ModbusClient"/>.</summary>
public sealed record ModbusClientOptions
{
    /// <summary>Framing on the wire.</summary>
    public ModbusFraming Framing { get; init; } = ModbusFraming.Tcp;

    /// <summary>How long one attempt waits for a valid answer (also the connect timeout).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Extra attempts after a transport fault (timeout, CRC error, garbage, connection loss). Exception answers
    /// are never retried, except 06 busy (see <see cref="BusyRetries"/>).
    /// </summary>
    public int Retries { get; init; } = 2;

    /// <summary>Extra attempts after exception 06 (server busy).</summary>
    public int BusyRetries { get; init; } = 3;

    /// <summary>Wait before the first retry after 06 busy; doubles on each further busy answer.</summary>
    public TimeSpan BusyDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Wait before reconnecting after the first connection loss; doubles per consecutive failure.</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Upper bound of the reconnect back-off.</summary>
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Throws when a value is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Timeout, TimeSpan.Zero, nameof(Timeout));
        ArgumentOutOfRangeException.ThrowIfNegative(Retries, nameof(Retries));
        ArgumentOutOfRangeException.ThrowIfNegative(BusyRetries, nameof(BusyRetries));
        ArgumentOutOfRangeException.ThrowIfLessThan(BusyDelay, TimeSpan.Zero, nameof(BusyDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(ReconnectDelay, TimeSpan.Zero, nameof(ReconnectDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxReconnectDelay, ReconnectDelay, nameof(MaxReconnectDelay));
    }
}
