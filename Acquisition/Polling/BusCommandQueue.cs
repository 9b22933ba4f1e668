using System.Collections.Concurrent;

namespace Prepaid.Acquisition.Polling;

/// <summary>
/// The commands waiting for a bus poller (run before its next meter read) and the signal that wakes its loop when one
/// arrives or its meters change.
/// </summary>
internal sealed class BusCommandQueue : IDisposable
{
    private readonly ConcurrentQueue<PendingCommand> _commands = new();
    private readonly SemaphoreSlim _wake = new(0, int.MaxValue);
    private int _disposed;

    public int Count => _commands.Count;

    public void Enqueue(PendingCommand pending)
    {
        _commands.Enqueue(pending);
        Wake();
    }

    public bool TryTake(out PendingCommand pending) => _commands.TryDequeue(out pending!);

    /// <summary>Takes every queued command (to move them to another poller).</summary>
    public List<PendingCommand> TakeAll()
    {
        var taken = new List<PendingCommand>();
        while (_commands.TryDequeue(out var pending))
        {
            taken.Add(pending);
        }

        return taken;
    }

    /// <summary>Cancels every queued command: their requesters see the bus stop.</summary>
    public void CancelAll()
    {
        while (_commands.TryDequeue(out var pending))
        {
            pending.Cancel();
        }
    }

    /// <summary>Ends a <see cref="WaitAsync"/> in progress (or the next one).</summary>
    public void Wake()
    {
        if (Volatile.Read(ref _disposed) == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (ObjectDisposedException)
            {
                // Disposed concurrently: nothing to wake.
            }
        }
    }

    /// <summary>Waits for <paramref name="wait"/> or until woken, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan wait, TimeProvider time, CancellationToken cancellationToken)
    {
        if (wait <= TimeSpan.Zero)
        {
            return;
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(wait, time, linked.Token);
        var woken = _wake.WaitAsync(linked.Token);
        await Task.WhenAny(delay, woken).ConfigureAwait(false);
        await linked.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _wake.Dispose();
        }
    }
}
