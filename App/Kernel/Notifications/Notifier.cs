namespace Prepaid.App.Kernel.Notifications;

/// <summary>
/// In-process publish/subscribe for live updates, the one implementation behind every notifier of the app.
/// Two kinds of subscriber:
/// <list type="bullet">
/// <item>coalescing (views, background reactions): bursts are gathered per subscriber and its handler runs at most
/// once per its interval, never concurrently with itself, with every distinct item published since its last run;</item>
/// <item>immediate (<see cref="Subscribe(Action{T})"/>): the handler runs on the publisher's thread and must be quick.</item>
/// </list>
/// A handler that throws is logged and stops neither the publisher nor the other subscribers. Dispose the
/// subscription to stop (components do so in <c>Dispose</c>).
/// </summary>
public class Notifier<T>(TimeProvider time, ILogger logger) where T : notnull
{
    private readonly TimeProvider _time = time;
    private readonly Lock _gate = new();
    private Subscription[] _subscriptions = [];

    /// <summary>The interval coalescing subscribers get when they name none.</summary>
    public virtual TimeSpan DefaultInterval => TimeSpan.FromMilliseconds(500);

    /// <summary>Runs <paramref name="handler"/> at most once per <paramref name="interval"/> with the items published since its last run.</summary>
    public IDisposable Subscribe(Func<IReadOnlySet<T>, Task> handler, TimeSpan? interval = null) =>
        Add(new CoalescingSubscription(this, handler, interval ?? DefaultInterval));

    /// <summary>Runs <paramref name="handler"/> at most once per <paramref name="interval"/> after anything was published.</summary>
    public IDisposable Subscribe(Func<Task> handler, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return Subscribe(_ => handler(), interval);
    }

    /// <summary>Runs <paramref name="handler"/> for every item, on the publisher's thread.</summary>
    public IDisposable Subscribe(Action<T> handler) => Add(new ImmediateSubscription(this, handler));

    /// <summary>Publishes one item.</summary>
    public void Publish(T item) => Publish([item]);

    /// <summary>Publishes items (nothing happens for none).</summary>
    public void Publish(IEnumerable<T> items)
    {
        var list = items as IReadOnlyCollection<T> ?? [.. items];
        if (list.Count == 0)
        {
            return;
        }

        foreach (var subscription in Volatile.Read(ref _subscriptions))
        {
            subscription.Deliver(list);
        }
    }

    private Subscription Add(Subscription subscription)
    {
        lock (_gate)
        {
            _subscriptions = [.. _subscriptions, subscription];
        }

        return subscription;
    }

    private void Remove(Subscription subscription)
    {
        lock (_gate)
        {
            _subscriptions = [.. _subscriptions.Where(s => s != subscription)];
        }
    }

    private abstract class Subscription(Notifier<T> owner) : IDisposable
    {
        protected Notifier<T> Owner { get; } = owner;

        public abstract void Deliver(IReadOnlyCollection<T> items);

        public virtual void Dispose() => Owner.Remove(this);
    }

    private sealed class ImmediateSubscription(Notifier<T> owner, Action<T> handler) : Subscription(owner)
    {
        private volatile bool _disposed;

        public override void Deliver(IReadOnlyCollection<T> items)
        {
            foreach (var item in items)
            {
                if (_disposed)
                {
                    return;
                }

                try
                {
                    handler(item);
                }
                catch (Exception ex)
                {
                    Owner.LogFailure(ex, item);
                }
            }
        }

        public override void Dispose()
        {
            _disposed = true;
            base.Dispose();
        }
    }

    private sealed class CoalescingSubscription : Subscription
    {
        private readonly Func<IReadOnlySet<T>, Task> _handler;
        private readonly TimeSpan _interval;
        private readonly ITimer _timer;
        private readonly Lock _gate = new();
        private HashSet<T> _pending = [];
        private bool _scheduled;
        private bool _running;
        private bool _disposed;

        public CoalescingSubscription(Notifier<T> owner, Func<IReadOnlySet<T>, Task> handler, TimeSpan interval) : base(owner)
        {
            ArgumentNullException.ThrowIfNull(handler);
            _handler = handler;
            _interval = interval;
            _timer = owner._time.CreateTimer(_ => _ = FlushAsync(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        public override void Deliver(IReadOnlyCollection<T> items)
        {
            lock (_gate)
            {
                if (_disposed)
                {
                    return;
                }

                _pending.UnionWith(items);
                if (!_scheduled && !_running)
                {
                    _scheduled = true;
                    _timer.Change(_interval, Timeout.InfiniteTimeSpan);
                }
            }
        }

        private async Task FlushAsync()
        {
            HashSet<T> batch;
            lock (_gate)
            {
                _scheduled = false;
                if (_disposed || _pending.Count == 0)
                {
                    return;
                }

                batch = _pending;
                _pending = [];
                _running = true;
            }

            try
            {
                await _handler(batch);
            }
            catch (Exception ex)
            {
                // One failing view must not stop the others or the next notification.
                Owner.LogFailure(ex, batch.First());
            }
            finally
            {
                lock (_gate)
                {
                    _running = false;
                    if (!_disposed && _pending.Count > 0)
                    {
                        _scheduled = true;
                        _timer.Change(_interval, Timeout.InfiniteTimeSpan);
                    }
                }
            }
        }

        public override void Dispose()
        {
            lock (_gate)
            {
                _disposed = true;
                _pending.Clear();
            }

            _timer.Dispose();
            base.Dispose();
        }
    }

    private void LogFailure(Exception ex, T item) =>
        logger.LogWarning(ex, "A subscriber of {Notifier} failed on {Item}", GetType().Name, item);
}
