namespace Prepaid.App.Alarms;

/// <summary>
/// Tells subscribers that alarms changed. Bursts are coalesced per subscriber: a handler runs at most once per its
/// interval, never concurrently with itself; one failing subscriber does not stop the others.
/// </summary>
public sealed class AlarmNotifier(TimeProvider time, ILogger<AlarmNotifier> logger)
{
    private readonly TimeProvider _time = time;
    private readonly ILogger _logger = logger;
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(250);

    private readonly Lock _gate = new();
    private readonly List<Subscription> _subscriptions = [];

    /// <summary>Registers a handler; dispose the result to stop (components do so in Dispose).</summary>
    public IDisposable Subscribe(Func<Task> onChanged, TimeSpan? interval = null)
    {
        var subscription = new Subscription(this, onChanged, interval ?? DefaultInterval);
        lock (_gate)
        {
            _subscriptions.Add(subscription);
        }

        return subscription;
    }

    public void Publish()
    {
        Subscription[] current;
        lock (_gate)
        {
            current = [.. _subscriptions];
        }

        foreach (var subscription in current)
        {
            subscription.Signal();
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
        private readonly AlarmNotifier _owner;
        private readonly Func<Task> _handler;
        private readonly ITimer _timer;
        private readonly TimeSpan _interval;
        private readonly Lock _gate = new();
        private bool _pending;
        private bool _scheduled;
        private bool _running;
        private bool _disposed;

        public Subscription(AlarmNotifier owner, Func<Task> handler, TimeSpan interval)
        {
            _owner = owner;
            _handler = handler;
            _interval = interval;
            _timer = owner._time.CreateTimer(_ => _ = FlushAsync(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        public void Signal()
        {
            lock (_gate)
            {
                if (_disposed)
                {
                    return;
                }

                _pending = true;
                if (!_scheduled && !_running)
                {
                    _scheduled = true;
                    _timer.Change(_interval, Timeout.InfiniteTimeSpan);
                }
            }
        }

        private async Task FlushAsync()
        {
            lock (_gate)
            {
                _scheduled = false;
                if (_disposed || !_pending)
                {
                    return;
                }

                _pending = false;
                _running = true;
            }

            try
            {
                await _handler();
            }
            catch (Exception ex)
            {
                _owner._logger.LogWarning(ex, "An alarm subscriber failed");
            }
            finally
            {
                lock (_gate)
                {
                    _running = false;
                    if (!_disposed && _pending)
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
            }

            _timer.Dispose();
            _owner.Remove(this);
        }
    }
}
