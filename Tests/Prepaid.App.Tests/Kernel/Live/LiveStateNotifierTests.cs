using Microsoft.Extensions.Logging.Abstractions;
using Prepaid.App.Kernel.Live;
namespace Prepaid.App.Tests.Kernel.Live;

public sealed class LiveStateNotifierTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static LiveStateNotifier Create() => new(TimeProvider.System, NullLogger<LiveStateNotifier>.Instance);

    [Fact]
    public async Task Publish_BurstWithinTheInterval_ReachesTheSubscriberOnceWithEveryMeter()
    {
        var notifier = Create();
        var calls = new List<IReadOnlySet<int>>();
        var first = new TaskCompletionSource();
        using var subscription = notifier.Subscribe(ids =>
        {
            lock (calls)
            {
                calls.Add(ids);
            }

            first.TrySetResult();
            return Task.CompletedTask;
        }, TimeSpan.FromMilliseconds(300));

        notifier.Publish([1, 2]);
        notifier.Publish([2, 3]);
        notifier.Publish([4]);
        await first.Task.WaitAsync(Wait);

        lock (calls)
        {
            var call = Assert.Single(calls);
            Assert.Equal(new HashSet<int> { 1, 2, 3, 4 }, call);
        }
    }

    [Fact]
    public async Task Subscribe_Disposed_GetsNothingMore()
    {
        var notifier = Create();
        var count = 0;
        var other = new TaskCompletionSource();
        var subscription = notifier.Subscribe(_ => { Interlocked.Increment(ref count); return Task.CompletedTask; }, TimeSpan.FromMilliseconds(20));
        using var witness = notifier.Subscribe(_ => { other.TrySetResult(); return Task.CompletedTask; }, TimeSpan.FromMilliseconds(200));

        subscription.Dispose();
        notifier.Publish([7]);
        await other.Task.WaitAsync(Wait);

        Assert.Equal(0, Volatile.Read(ref count));
    }

    [Fact]
    public async Task Handler_Throwing_DoesNotStopLaterNotificationsOrOthers()
    {
        var notifier = Create();
        var failures = 0;
        var second = new TaskCompletionSource<IReadOnlySet<int>>();
        using var failing = notifier.Subscribe(ids =>
        {
            if (Interlocked.Increment(ref failures) == 1)
            {
                throw new InvalidOperationException("view gone");
            }

            second.TrySetResult(ids);
            return Task.CompletedTask;
        }, TimeSpan.FromMilliseconds(20));
        var healthy = new TaskCompletionSource();
        using var other = notifier.Subscribe(_ => { healthy.TrySetResult(); return Task.CompletedTask; }, TimeSpan.FromMilliseconds(20));

        notifier.Publish([1]);
        await healthy.Task.WaitAsync(Wait);
        await Eventually.HoldsAsync(() => Volatile.Read(ref failures) >= 1, "the failing handler ran", Wait);
        notifier.Publish([2]);

        Assert.Equal(new HashSet<int> { 2 }, await second.Task.WaitAsync(Wait));
    }

}
