namespace Prepaid.App.Kernel.Contracts;

/// <summary>
/// Raised after a configuration change is committed, so that the acquisition service compares the database with
/// its running configuration now instead of at its next periodic refresh. One waiter (the acquisition service):
/// a change raised while it was busy reloading is not lost, its next wait returns at once.
/// </summary>
public sealed class ConfigurationChangeSignal
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _pending;

    public void Raise()
    {
        TaskCompletionSource raised;
        lock (_gate)
        {
            raised = _next;
            _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
            _pending = true;
        }

        raised.TrySetResult();
    }

    /// <summary>Completes when the signal is raised or <paramref name="timeout"/> has passed, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        Task raised;
        lock (_gate)
        {
            if (_pending)
            {
                _pending = false;
                return;
            }

            raised = _next.Task;
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(timeout, time, linked.Token);
        await Task.WhenAny(raised, delay);
        await linked.CancelAsync();
        lock (_gate)
        {
            _pending = false;
        }

        cancellationToken.ThrowIfCancellationRequested();
    }
}
