using System.Threading.Channels;

namespace Prepaid.App.Kernel.Hosting;

/// <summary>
/// A queue of keys (meters, accounts) to work on, each queued at most once at a time, drained by a few workers: a
/// key queued again while waiting is not worked twice, and a failing item is logged and left for the next trigger
/// instead of ending the worker.
/// </summary>
public sealed class UniqueWorkQueue<T>(string name, TimeProvider time, ILogger logger) where T : notnull
{
    private readonly Channel<T> _queue = Channel.CreateUnbounded<T>();
    private readonly HashSet<T> _queued = [];
    private readonly Lock _gate = new();

    /// <summary>Queues a key (no-op when it is already waiting).</summary>
    public void Enqueue(T key)
    {
        lock (_gate)
        {
            if (!_queued.Add(key))
            {
                return;
            }
        }

        _queue.Writer.TryWrite(key);
    }

    /// <summary>Runs <paramref name="workers"/> workers over the queue until cancelled.</summary>
    public Task RunAsync(int workers, Func<T, CancellationToken, Task> work, CancellationToken cancellationToken) =>
        Task.WhenAll(Enumerable.Range(0, workers).Select(_ => WorkAsync(work, cancellationToken)));

    private async Task WorkAsync(Func<T, CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var key in _queue.Reader.ReadAllAsync(cancellationToken))
            {
                lock (_gate)
                {
                    _queued.Remove(key);
                }

                try
                {
                    await work(key, cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "{Queue}: work on {Key} failed; it is done again at the next trigger", name, key);
                    await Task.Delay(TimeSpan.FromMilliseconds(200), time, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
