using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Prepaid.Tests.Shared;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also says when the code under test sets a timer (a <c>Task.Delay</c> on it,
/// say) and for how long. Time still moves only when the test advances it; this tells the test when the code is
/// waiting, so it can check the wait asked for and advance by exactly that. Without the signal a test could advance
/// before the code started to wait, and the wait would never end. Use a plain <see cref="FakeTimeProvider"/> wherever
/// the test need not know that.
/// </summary>
internal sealed class SignallingTimeProvider : FakeTimeProvider
{
    private readonly Channel<TimeSpan> _set = Channel.CreateUnbounded<TimeSpan>();
    private readonly ConcurrentQueue<TimeSpan> _waits = new();

    /// <summary>The due time of every timer set so far, in order (timers set without one are left out).</summary>
    public IReadOnlyList<TimeSpan> Waits => [.. _waits];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            // Told once the timer is set, so that advancing by its due time fires it.
            _waits.Enqueue(dueTime);
            _set.Writer.TryWrite(dueTime);
        }

        return timer;
    }

    /// <summary>Waits (in real time, <see cref="Eventually"/>) until the next timer is set and returns its due time.</summary>
    public Task<TimeSpan> NextWaitAsync(TimeSpan? timeout = null) =>
        Eventually.NextAsync(_set.Reader, _ => true, "the code to set a timer", timeout: timeout);
}
