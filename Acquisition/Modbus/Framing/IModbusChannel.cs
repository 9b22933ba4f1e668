namespace Prepaid.Acquisition.Modbus;

/// <summary>
/// A byte pipe to one Modbus peer or bus (a TCP connection, a serial port, or a fake in tests).
/// Framing and validation live above it, so every transport gets the same checks.
/// </summary>
public interface IModbusChannel : IAsyncDisposable
{
    /// <summary>Reads available bytes; returns 0 when the peer closed the connection.</summary>
    ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken);

    /// <summary>Writes a whole frame.</summary>
    ValueTask WriteAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken);

    /// <summary>Drops bytes that arrived but were not read yet (late replies), before a new request goes out.</summary>
    void DiscardInput();
}
