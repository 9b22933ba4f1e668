namespace Prepaid.App.Kernel.Ledger;

/// <summary>
/// Tells in-process listeners (the relay policy, open account pages) that a balance moved, after the commit.
/// A listener that throws is logged and does not stop the others.
/// </summary>
public sealed class LedgerNotifier(ILogger<LedgerNotifier> logger)
{
    private readonly Lock _gate = new();
    private Action<LedgerChange>[] _listeners = [];

    public IDisposable Subscribe(Action<LedgerChange> listener)
    {
        lock (_gate)
        {
            _listeners = [.. _listeners, listener];
        }

        return new Subscription(this, listener);
    }

    internal void Publish(LedgerChange change)
    {
        foreach (var listener in Volatile.Read(ref _listeners))
        {
            try
            {
                listener(change);
            }
            catch (Exception e)
            {
                logger.LogError(e, "A ledger listener failed on account {AccountId} entry {EntryId}", change.AccountId, change.EntryId);
            }
        }
    }

    private void Unsubscribe(Action<LedgerChange> listener)
    {
        lock (_gate)
        {
            _listeners = [.. _listeners.Where(l => l != listener)];
        }
    }

    private sealed class Subscription(LedgerNotifier owner, Action<LedgerChange> listener) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Unsubscribe(listener);
            }
        }
    }
}
