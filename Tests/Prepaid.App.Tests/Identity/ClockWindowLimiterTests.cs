using System.Threading.RateLimiting;
using Microsoft.Extensions.Time.Testing;
using Prepaid.App.Identity.Throttling;

namespace Prepaid.App.Tests.Identity;

public sealed class ClockWindowLimiterTests
{
    [Fact]
    public void AttemptAcquire_BeyondTheLimit_IsRefusedUntilTheWindowEndsOnTheClock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero));
        using var limiter = new ClockWindowLimiter(2, TimeSpan.FromMinutes(1), clock);

        Assert.True(limiter.AttemptAcquire().IsAcquired);
        clock.Advance(TimeSpan.FromSeconds(20));
        Assert.True(limiter.AttemptAcquire().IsAcquired);
        var refused = limiter.AttemptAcquire();

        Assert.False(refused.IsAcquired);
        Assert.True(refused.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(40), retryAfter);

        clock.Advance(TimeSpan.FromSeconds(39));
        Assert.False(limiter.AttemptAcquire().IsAcquired);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(limiter.AttemptAcquire().IsAcquired);
        Assert.Equal((3L, 2L), (limiter.GetStatistics()!.TotalSuccessfulLeases, limiter.GetStatistics()!.TotalFailedLeases));
    }

    [Fact]
    public async Task AcquireAsync_BeyondTheLimit_IsRefusedAtOnceWithoutQueueing()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero));
        using var limiter = new ClockWindowLimiter(1, TimeSpan.FromMinutes(1), clock);
        Assert.True((await limiter.AcquireAsync()).IsAcquired);

        var second = limiter.AcquireAsync();

        Assert.True(second.IsCompleted);
        Assert.False((await second).IsAcquired);
    }

    [Fact]
    public void IdleDuration_DuringAndAfterAWindow_IsNullThenTheTimeSinceItEnded()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero));
        using var limiter = new ClockWindowLimiter(5, TimeSpan.FromMinutes(1), clock);
        limiter.AttemptAcquire();

        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Null(limiter.IdleDuration);
        clock.Advance(TimeSpan.FromSeconds(45));
        Assert.Equal(TimeSpan.FromSeconds(15), limiter.IdleDuration);
    }
}
