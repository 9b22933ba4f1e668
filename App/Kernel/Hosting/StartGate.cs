namespace Prepaid.App.Kernel.Hosting;

/// <summary>What must be true before a background service may run on the live clock.</summary>
public enum StartStage
{
    /// <summary>The database's past is complete (a demo history writing the past in the background has finished).</summary>
    PastWritten = 0,

    /// <summary>The past is written and the gateways the site polls are listening (the built-in simulator opened its ports).</summary>
    GatewaysListening = 1,
}

/// <summary>Where one hold on the gate stands, for the shell's banner.</summary>
/// <param name="Name">The hold's name, also the prefix of its banner texts (<c>{Name}.Preparing</c>, <c>{Name}.Failed</c>).</param>
/// <param name="Running">True until released.</param>
/// <param name="Done">Steps done (days of history, for example), when the hold counts steps.</param>
/// <param name="Total">Steps in all; 0 when the hold does not count steps (no banner).</param>
/// <param name="Failed">Released because the work failed; the live services start anyway.</param>
public sealed record StartHoldProgress(string Name, bool Running, int Done, int Total, bool Failed);

/// <summary>
/// Holds the live background services (acquisition, billing, relay policy, alarms, scheduled jobs) back while
/// something they depend on is not ready: a history still writing the past, a simulator not yet listening.
/// Whoever prepares takes a <see cref="StartHold"/> before the host starts its services (in a constructor or a
/// startup task) and releases it when done; services await <see cref="WaitAsync"/> for their stage. Open when
/// nothing holds it, so production without a demo never waits.
/// </summary>
public sealed class StartGate
{
    private readonly Lock _lock = new();
    private readonly List<StartHold> _holds = [];
    private readonly List<Action<StartHoldProgress>> _listeners = [];

    /// <summary>Takes a hold on <paramref name="stage"/> (and every later stage) until it is released.</summary>
    public StartHold Hold(StartStage stage, string name, int total = 0)
    {
        var hold = new StartHold(this, stage, name, total);
        lock (_lock)
        {
            _holds.Add(hold);
        }

        Publish(hold.Progress);
        return hold;
    }

    /// <summary>True when nothing holds <paramref name="stage"/>.</summary>
    public bool IsOpen(StartStage stage) => Blocking(stage).All(h => h.Released.IsCompleted);

    /// <summary>Completes when every hold on <paramref name="stage"/> or an earlier stage is released.</summary>
    public Task WaitAsync(StartStage stage, CancellationToken cancellationToken) =>
        Task.WhenAll(Blocking(stage).Select(h => h.Released)).WaitAsync(cancellationToken);

    /// <summary>Every hold taken so far, released or not.</summary>
    public IReadOnlyList<StartHoldProgress> Progress
    {
        get
        {
            lock (_lock)
            {
                return [.. _holds.Select(h => h.Progress)];
            }
        }
    }

    /// <summary>Calls <paramref name="listener"/> on every progress change of any hold until disposed.</summary>
    public IDisposable Subscribe(Action<StartHoldProgress> listener)
    {
        lock (_lock)
        {
            _listeners.Add(listener);
        }

        return new Subscription(this, listener);
    }

    internal void Publish(StartHoldProgress progress)
    {
        Action<StartHoldProgress>[] listeners;
        lock (_lock)
        {
            listeners = [.. _listeners];
        }

        foreach (var listener in listeners)
        {
            listener(progress);
        }
    }

    private StartHold[] Blocking(StartStage stage)
    {
        lock (_lock)
        {
            return [.. _holds.Where(h => h.Stage <= stage)];
        }
    }

    private sealed class Subscription(StartGate gate, Action<StartHoldProgress> listener) : IDisposable
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

/// <summary>One hold on the <see cref="StartGate"/>; release it exactly when the prepared thing is ready (or has failed).</summary>
public sealed class StartHold
{
    private readonly StartGate _gate;
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _lock = new();
    private StartHoldProgress _progress;

    internal StartHold(StartGate gate, StartStage stage, string name, int total)
    {
        _gate = gate;
        Stage = stage;
        _progress = new StartHoldProgress(name, true, 0, total, false);
    }

    /// <summary>The stage this hold keeps closed.</summary>
    public StartStage Stage { get; }

    /// <summary>Completes when the hold is released.</summary>
    public Task Released => _released.Task;

    /// <summary>Where the hold stands now.</summary>
    public StartHoldProgress Progress
    {
        get { lock (_lock) { return _progress; } }
    }

    /// <summary>Reports steps done (shown by the banner when the hold counts steps).</summary>
    public void Report(int done)
    {
        StartHoldProgress next;
        lock (_lock)
        {
            if (!_progress.Running || done == _progress.Done)
            {
                return;
            }

            _progress = next = _progress with { Done = Math.Min(done, _progress.Total) };
        }

        _gate.Publish(next);
    }

    /// <summary>Releases the hold; <paramref name="failed"/> when the work stopped on an error (the services start anyway).</summary>
    public void Release(bool failed = false)
    {
        StartHoldProgress next;
        lock (_lock)
        {
            if (!_progress.Running)
            {
                return;
            }

            _progress = next = _progress with { Running = false, Failed = failed, Done = failed ? _progress.Done : _progress.Total };
        }

        _gate.Publish(next);
        _released.TrySetResult();
    }
}
