namespace Prepaid.Acquisition.Modbus;

/// <summary>
/// Buffers bytes from a channel so framers can look ahead, drop single bytes to resynchronise and consume
/// whole frames. Not thread-safe: one reader per connection, used by one request at a time.
/// </summary>
internal sealed class FrameReader(IModbusChannel channel)
{
    private byte[] _buffer = new byte[512];
    private int _start;
    private int _end;

    public IModbusChannel Channel => channel;

    public int Count => _end - _start;

    public ReadOnlySpan<byte> Buffered => _buffer.AsSpan(_start, _end - _start);

    /// <summary>Reads until at least <paramref name="count"/> bytes are buffered.</summary>
    /// <exception cref="ModbusCommunicationException">The peer closed the connection.</exception>
    public async ValueTask FillAsync(int count, CancellationToken cancellationToken)
    {
        while (Count < count)
        {
            if (_buffer.Length - _end < count - Count)
            {
                Compact(count);
            }

            var read = await channel.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (read <= 0)
            {
                throw new ModbusCommunicationException("The connection was closed by the peer.");
            }

            _end += read;
        }
    }

    /// <summary>Bytes dropped by <see cref="Skip"/> since this reader was created: a measure of line noise.</summary>
    public long SkippedBytes { get; private set; }

    /// <summary>Drops one byte that cannot start a valid frame (resynchronisation).</summary>
    public void Skip()
    {
        if (Count > 0)
        {
            SkippedBytes++;
            Consume(1);
        }
    }

    public void Consume(int count)
    {
        _start += Math.Min(count, Count);
        if (_start == _end)
        {
            _start = _end = 0;
        }
    }

    /// <summary>Drops everything buffered and everything the channel already received.</summary>
    public void Discard()
    {
        _start = _end = 0;
        channel.DiscardInput();
    }

    private void Compact(int needed)
    {
        var count = Count;
        if (_buffer.Length < needed + 256)
        {
            var bigger = new byte[Math.Max(_buffer.Length * 2, needed + 256)];
            Buffered.CopyTo(bigger);
            _buffer = bigger;
        }
        else
        {
            Buffered.CopyTo(_buffer);
        }

        _start = 0;
        _end = count;
    }
}
