using Prepaid.App.Kernel.Commands;
namespace Prepaid.App.Tests.Kernel.Commands;

public sealed class PendingCommandResumerTests
{
    [Fact]
    public async Task RunAsync_NoGateways_ChecksAgainWithADoublingWaitUpToTheMaximum()
    {
        var time = new SignallingTimeProvider();
        var resumer = new PendingCommandResumer(time, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(30));
        var checks = 0;
        var run = resumer.RunAsync(() => Interlocked.Increment(ref checks) < 0, _ => Task.FromResult(1), CancellationToken.None);

        for (var i = 0; i < 9; i++)
        {
            time.Advance(await time.NextWaitAsync());
        }

        await time.NextWaitAsync();
        Assert.Equal(new[] { 200, 400, 800, 1600, 3200, 6400, 12800, 25600, 30000, 30000 }.Select(ms => TimeSpan.FromMilliseconds(ms)), time.Waits);
        Assert.Equal(10, Volatile.Read(ref checks));
        Assert.False(run.IsCompleted);
    }

    [Fact]
    public async Task RunAsync_ReloadAddsGatewaysDuringALongWait_ResumesAtOnce()
    {
        var time = new SignallingTimeProvider();
        var resumer = new PendingCommandResumer(time, TimeSpan.FromMilliseconds(200), TimeSpan.FromMinutes(10));
        var hasGateways = false;
        var run = resumer.RunAsync(() => Volatile.Read(ref hasGateways), _ => Task.FromResult(3), CancellationToken.None);
        for (var i = 0; i < 6; i++)
        {
            time.Advance(await time.NextWaitAsync());
        }

        Assert.Equal(TimeSpan.FromMilliseconds(12800), await time.NextWaitAsync());

        // The reload applied a configuration with gateways: nobody fires the pending wait.
        Volatile.Write(ref hasGateways, true);
        resumer.ConfigurationApplied();

        Assert.Equal(3, await run.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(7, time.Waits.Count);
    }

    [Fact]
    public async Task RunAsync_GatewaysAtStart_ResumesWithoutWaiting()
    {
        var time = new SignallingTimeProvider();
        var resumer = new PendingCommandResumer(time);

        Assert.Equal(2, await resumer.RunAsync(() => true, _ => Task.FromResult(2), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Empty(time.Waits);
    }
}
