namespace Prepaid.App.Kernel.Hosting;

/// <summary>Where a background history run stands: simulated days done out of the total.</summary>
public sealed record DemoHistoryProgress(bool Running, int DaysDone, int Days, bool Failed);

/// <summary>
/// Holds the live services back while a long demo history is still writing the past after the server started:
/// the simulator, acquisition, billing, relay, alarm and scheduled jobs await <see cref="WaitAsync"/> so they never
/// run on the live clock over a database whose past is not finished. Open unless a background run began.
/// Pages follow the progress through <see cref="Subscribe"/>.
/// </summary>
public sealed class DemoHistoryGate
{
    private readonly Lock _lock = new();
    private readonly List<Action<DemoHistoryProgress>> _listeners = [];
    private DemoHistoryProgress _progress = new(false, 0, 0, false);
    private TaskCompletionSource? _done;

    public DemoHistoryProgress Progress
    {
        get { lock (_lock) { return _progress; } }
    }

    public bool IsOpen => Volatile.Read(ref _done)?.Task.IsCompleted ?? true;

    /// <summary>Completes when the history is done (or failed), or at once when no background run was started.</summary>
    public Task WaitAsync(CancellationToken cancellationToken) =>
        Volatile.Read(ref _done)?.Task.WaitAsync(cancellationToken) ?? Task.CompletedTask;

    /// <summary>Closes the gate for a background run of <paramref name="days"/> days; call before the live services start.</summary>
    public void Begin(int days)
    {
        lock (_lock)
        {
            if (_done is not null)
            {
                throw new InvalidOperationException("The demo history has already begun.");
            }

            _done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        Publish(new DemoHistoryProgress(true, 0, days, false));
    }

    /// <summary>Reports simulated days done.</summary>
    public void Report(int daysDone)
    {
        DemoHistoryProgress current;
        lock (_lock)
        {
            current = _progress;
        }

        if (current.Running && daysDone != current.DaysDone)
        {
            Publish(current with { DaysDone = Math.Min(daysDone, current.Days) });
        }
    }

    /// <summary>Opens the gate; <paramref name="failed"/> when the run stopped on an error (the live services start anyway).</summary>
    public void Complete(bool failed = false)
    {
        var current = Progress;
        Publish(new DemoHistoryProgress(false, failed ? current.DaysDone : current.Days, current.Days, failed));
        Volatile.Read(ref _done)?.TrySetResult();
    }

    /// <summary>Calls <paramref name="listener"/> on every progress change until disposed.</summary>
    public IDisposable Subscribe(Action<DemoHistoryProgress> listener)
    {
        lock (_lock)
        {
            _listeners.Add(listener);
        }

        return new Subscription(this, listener);
    }

    private void Publish(DemoHistoryProgress progress)
    {
        Action<DemoHistoryProgress>[] listeners;
        lock (_lock)
        {
            _progress = progress;
            listeners = [.. _listeners];
        }

        foreach (var listener in listeners)
        {
            listener(progress);
        }
    }

    private sealed class Subscription(DemoHistoryGate gate, Action<DemoHistoryProgress> listener) : IDisposable
    {
        public void Dispose()
        {
            lock (gate._lock)
            {
                gate._listeners.Remove(listener);
            }
        }
    }
}
