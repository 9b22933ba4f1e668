using System.Threading.RateLimiting;

namespace Prepaid.App.Identity.Throttling;

/// <summary>
/// A fixed-window rate limiter whose windows run on a <see cref="TimeProvider"/>: the framework's limiters replenish on
/// their own timer and wall clock, which a test cannot move. At most <c>permitLimit</c> permits per window, the window
/// starting at the first request after the previous one ended; no queue, a refused lease says when to retry.
/// </summary>
public sealed class ClockWindowLimiter : RateLimiter
{
    private readonly int _permitLimit;
    private readonly TimeSpan _window;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private DateTimeOffset _windowEnd;
    private int _used;
    private long _granted;
    private long _refused;

    public ClockWindowLimiter(int permitLimit, TimeSpan window, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(permitLimit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        _permitLimit = permitLimit;
        _window = window;
        _time = time;
        _windowEnd = time.GetUtcNow();
    }

    /// <summary>Idle (and safe to drop) once its window has ended: a new limiter would answer the same.</summary>
    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_gate)
            {
                var now = _time.GetUtcNow();
                return now >= _windowEnd ? now - _windowEnd : null;
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_gate)
        {
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = _time.GetUtcNow() >= _windowEnd ? _permitLimit : _permitLimit - _used,
                CurrentQueuedCount = 0,
                TotalSuccessfulLeases = _granted,
                TotalFailedLeases = _refused,
            };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(permitCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, _permitLimit);
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (now >= _windowEnd)
            {
                _windowEnd = now + _window;
                _used = 0;
            }

            // Zero permits asks whether any are left, as the framework's limiters answer it.
            if (permitCount == 0 ? _used < _permitLimit : _used + permitCount <= _permitLimit)
            {
                _used += permitCount;
                _granted++;
                return Lease.Granted;
            }

            _refused++;
            return new Lease(false, _windowEnd - now);
        }
    }

    // No queue: a sign-in held back would only pile up requests; the caller is told to come back.
    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Lease Granted = new(true, null);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (retryAfter is { } wait && metadataName == MetadataName.RetryAfter.Name)
            {
                metadata = wait;
                return true;
            }

            metadata = null;
            return false;
        }
    }
}
