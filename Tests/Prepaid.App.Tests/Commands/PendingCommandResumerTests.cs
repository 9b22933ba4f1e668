using Prepaid.App.Kernel.Commands;
namespace Prepaid.App.Tests.Commands;

public sealed class PendingCommandResumerTests
{
    /// <summary>Timers that fire only when the test says so, recording each wait asked for.</summary>
    private sealed class ManualTimers : TimeProvider
    {
        private readonly Lock _sync = new();
        private readonly List<ManualTimer> _timers = [];

        public List<TimeSpan> Requested
        {
            get
            {
                lock (_sync)
                {
                    return [.. _timers.Where(t => t.Due is not null).Select(t => t.Due!.Value)];
                }
            }
        }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = new ManualTimer(callback, state);
            timer.Change(dueTime, period);
            lock (_sync)
            {
                _timers.Add(timer);
            }

            return timer;
        }

        /// <summary>Waits (in real time, bounded) until a wait is pending, then ends it.</summary>
        public async Task FireNextAsync()
        {
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (true)
            {
                ManualTimer? pending;
                lock (_sync)
                {
                    pending = _timers.FirstOrDefault(t => t.IsPending);
                }

                if (pending is not null)
                {
                    pending.Fire();
                    return;
                }

                Assert.True(DateTime.UtcNow < deadline, "No wait became pending.");
                await Task.Delay(5);
            }
        }

        public async Task<TimeSpan> PendingAsync()
        {
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (true)
            {
                lock (_sync)
                {
                    if (_timers.FirstOrDefault(t => t.IsPending) is { } pending)
                    {
                        return pending.Due!.Value;
                    }
                }

                Assert.True(DateTime.UtcNow < deadline, "No wait became pending.");
                await Task.Delay(5);
            }
        }

        private sealed class ManualTimer(TimerCallback callback, object? state) : ITimer
        {
            private bool _done;

            public TimeSpan? Due { get; private set; }

            public bool IsPending => !_done && Due is not null;

            public bool Change(TimeSpan dueTime, TimeSpan period)
            {
                if (dueTime != Timeout.InfiniteTimeSpan)
                {
                    Due = dueTime;
                }

                return !_done;
            }

            public void Fire()
            {
                _done = true;
                callback(state);
            }

            public void Dispose() => _done = true;

            public ValueTask DisposeAsync()
            {
                _done = true;
                return ValueTask.CompletedTask;
            }
        }
    }

    [Fact]
    public async Task RunAsync_NoGateways_ChecksAgainWithADoublingWaitUpToTheMaximum()
    {
        var timers = new ManualTimers();
        var resumer = new PendingCommandResumer(timers, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(30));
        var checks = 0;
        var run = resumer.RunAsync(() => Interlocked.Increment(ref checks) < 0, _ => Task.FromResult(1), CancellationToken.None);

        for (var i = 0; i < 9; i++)
        {
            await timers.FireNextAsync();
        }

        await timers.PendingAsync();
        Assert.Equal(new[] { 200, 400, 800, 1600, 3200, 6400, 12800, 25600, 30000, 30000 }.Select(ms => TimeSpan.FromMilliseconds(ms)), timers.Requested);
        Assert.Equal(10, Volatile.Read(ref checks));
        Assert.False(run.IsCompleted);
    }

    [Fact]
    public async Task RunAsync_ReloadAddsGatewaysDuringALongWait_ResumesAtOnce()
    {
        var timers = new ManualTimers();
        var resumer = new PendingCommandResumer(timers, TimeSpan.FromMilliseconds(200), TimeSpan.FromMinutes(10));
        var hasGateways = false;
        var run = resumer.RunAsync(() => Volatile.Read(ref hasGateways), _ => Task.FromResult(3), CancellationToken.None);
        for (var i = 0; i < 6; i++)
        {
            await timers.FireNextAsync();
        }

        Assert.Equal(TimeSpan.FromMilliseconds(12800), await timers.PendingAsync());

        // The reload applied a configuration with gateways: nobody fires the pending wait.
        Volatile.Write(ref hasGateways, true);
        resumer.ConfigurationApplied();

        Assert.Equal(3, await run.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(7, timers.Requested.Count);
    }

    [Fact]
    public async Task RunAsync_GatewaysAtStart_ResumesWithoutWaiting()
    {
        var timers = new ManualTimers();
        var resumer = new PendingCommandResumer(timers);

        Assert.Equal(2, await resumer.RunAsync(() => true, _ => Task.FromResult(2), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Empty(timers.Requested);
    }
}
