using Prepaid.Acquisition.Modbus;

namespace Prepaid.Acquisition.Tests.Modbus;

/// <summary>A channel that serves prepared chunks, then either reports end of stream or waits for cancellation.</summary>
internal sealed class ScriptedChannel(IEnumerable<byte[]> chunks, bool hangAtEnd = false) : IModbusChannel
{
    private readonly Queue<byte[]> _chunks = new(chunks);
    private byte[] _current = [];
    private int _offset;

    public List<byte[]> Written { get; } = [];

    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        while (_offset >= _current.Length)
        {
            if (!_chunks.TryDequeue(out var next))
            {
                if (hangAtEnd)
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }

                return 0;
            }

            _current = next;
            _offset = 0;
        }

        var count = Math.Min(buffer.Length, _current.Length - _offset);
        _current.AsMemory(_offset, count).CopyTo(buffer);
        _offset += count;
        return count;
    }

    public ValueTask WriteAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        Written.Add(frame.ToArray());
        return ValueTask.CompletedTask;
    }

    public void DiscardInput()
    {
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
