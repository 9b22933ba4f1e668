namespace Prepaid.App.Kernel.Live;

/// <summary>
/// Tells subscribers which meters changed. Bursts are coalesced per subscriber: a handler runs at most once per
/// its interval with every meter that changed since its last run, so a view never renders once per reading.
/// </summary>
public sealed class LiveStateNotifier(TimeProvider time, ILogger<LiveStateNotifier> logger)
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(500);

    private readonly Lock _gate = new();
    private readonly List<Subscription> _subscriptions = [];
    private readonly TimeProvider _time = time;
    private readonly ILogger _logger = logger;

    /// <summary>Registers a handler; dispose the result to stop (components do so in Dispose).</summary>
    public IDisposable Subscribe(Func<IReadOnlySet<int>, Task> onChanged, TimeSpan? interval = null)
    {
        var subscription = new Subscription(this, onChanged, interval ?? DefaultInterval);
        lock (_gate)
        {
            _subscriptions.Add(subscription);
        }

        return subscription;
    }

    public void Publish(IEnumerable<int> meterIds)
    {
        var ids = meterIds as IReadOnlyCollection<int> ?? [.. meterIds];
        if (ids.Count == 0)
        {
            return;
        }

        Subscription[] current;
        lock (_gate)
        {
            current = [.. _subscriptions];
        }

        foreach (var subscription in current)
        {
            subscription.Add(ids);
        }
    }

    private void Remove(Subscription subscription)
    {
        lock (_gate)
        {
            _subscriptions.Remove(subscription);
        }
    }

    private sealed class Subscription : IDisposable
    {
        private readonly LiveStateNotifier _owner;
        private readonly Func<IReadOnlySet<int>, Task> _handler;
        private readonly ITimer _timer;
        private readonly TimeSpan _interval;
        private readonly Lock _gate = new();
        private HashSet<int> _pending = [];
        private bool _scheduled;
        private bool _running;
        private bool _disposed;

        public Subscription(LiveStateNotifier owner, Func<IReadOnlySet<int>, Task> handler, TimeSpan interval)
        {
            _owner = owner;
            _handler = handler;
            _interval = interval;
            _timer = owner._time.CreateTimer(_ => _ = FlushAsync(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        public void Add(IReadOnlyCollection<int> ids)
        {
            lock (_gate)
            {
                if (_disposed)
                {
                    return;
                }

                _pending.UnionWith(ids);
                if (!_scheduled && !_running)
                {
                    _scheduled = true;
                    _timer.Change(_interval, Timeout.InfiniteTimeSpan);
                }
            }
        }

        private async Task FlushAsync()
        {
            HashSet<int> batch;
            lock (_gate)
            {
                if (_disposed || _pending.Count == 0)
                {
                    _scheduled = false;
                    return;
                }

                batch = _pending;
                _pending = [];
                _scheduled = false;
                _running = true;
            }

            try
            {
                await _handler(batch);
            }
            catch (Exception ex)
            {
                // One failing view must not stop the others or the next notification.
                _owner._logger.LogWarning(ex, "A live-state subscriber failed on {Count} meters", batch.Count);
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

        public void Dispose()
        {
            lock (_gate)
            {
                _disposed = true;
                _pending.Clear();
            }

            _timer.Dispose();
            _owner.Remove(this);
        }
    }
}
