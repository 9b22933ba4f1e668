using System.Net.Sockets;

namespace Prepaid.Acquisition.Modbus;

/// <summary>An <see cref="IModbusChannel"/> over any <see cref="Stream"/> (a TCP connection, a pipe in tests).</summary>
public sealed class StreamModbusChannel : IModbusChannel
{
    private readonly Stream _stream;
    private readonly IDisposable? _owner;

    /// <summary>Wraps <paramref name="stream"/>; disposing the channel disposes the stream and <paramref name="owner"/>.</summary>
    public StreamModbusChannel(Stream stream, IDisposable? owner = null)
    {
        _stream = stream ?? throw new ArgumentNullException(nameof(stream));
        _owner = owner;
    }

    /// <inheritdoc />
    public ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken) =>
        _stream.ReadAsync(buffer, cancellationToken);

    /// <inheritdoc />
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        await _stream.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
        await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void DiscardInput()
    {
        // Only a socket can tell without blocking whether bytes are waiting; other streams keep theirs and
        // the framers' resynchronisation deals with them.
        if (_stream is NetworkStream network)
        {
            var scratch = new byte[256];
            while (network.DataAvailable && network.Read(scratch, 0, scratch.Length) > 0)
            {
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync().ConfigureAwait(false);
        _owner?.Dispose();
    }
}
