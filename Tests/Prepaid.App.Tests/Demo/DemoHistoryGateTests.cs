using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Prepaid.App.Kernel.Hosting;
using Prepaid.App.Simulation;
using Prepaid.App.Tests.Support;
using Xunit;

namespace Prepaid.App.Tests.Demo;

public sealed class DemoHistoryGateTests
{
    [Fact]
    public void WaitAsync_NoBackgroundRun_CompletesAtOnce()
    {
        var gate = new DemoHistoryGate();
        Assert.True(gate.IsOpen);
        Assert.True(gate.WaitAsync(CancellationToken.None).IsCompletedSuccessfully);
        Assert.False(gate.Progress.Running);
    }

    [Fact]
    public async Task WaitAsync_BackgroundRun_CompletesOnlyWhenTheHistoryIsDone()
    {
        var gate = new DemoHistoryGate();
        gate.Begin(60);
        var wait = gate.WaitAsync(CancellationToken.None);
        gate.Report(59);
        await Task.Delay(50);
        Assert.False(wait.IsCompleted);
        Assert.False(gate.IsOpen);

        gate.Complete();
        await wait.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(gate.IsOpen);
        Assert.Equal(new DemoHistoryProgress(false, 60, 60, false), gate.Progress);
    }

    [Fact]
    public void Report_Subscribed_PublishesDaysDoneUntilDisposed()
    {
        var gate = new DemoHistoryGate();
        var seen = new List<DemoHistoryProgress>();
        var subscription = gate.Subscribe(seen.Add);
        gate.Begin(60);
        gate.Report(1);
        gate.Report(2);
        subscription.Dispose();
        gate.Report(3);

        Assert.Equal([new(true, 0, 60, false), new(true, 1, 60, false), new(true, 2, 60, false)], seen);
        Assert.Equal(new DemoHistoryProgress(true, 3, 60, false), gate.Progress);
    }

    [Fact]
    public void Complete_Failed_KeepsTheDaysDoneAndOpensTheGate()
    {
        var gate = new DemoHistoryGate();
        gate.Begin(60);
        gate.Report(12);
        gate.Complete(failed: true);
        Assert.True(gate.IsOpen);
        Assert.Equal(new DemoHistoryProgress(false, 12, 60, true), gate.Progress);
    }

    [Fact]
    public void Begin_Twice_Throws()
    {
        var gate = new DemoHistoryGate();
        gate.Begin(60);
        Assert.Throws<InvalidOperationException>(() => gate.Begin(60));
    }

    [Fact]
    public async Task SimulatorHostedService_HistoryRunning_StartsOnlyAfterTheHistoryCompletes()
    {
        await using var database = await TestDatabase.CreateAsync();
        var gate = new DemoHistoryGate();
        gate.Begin(60);
        using var service = new SimulatorHostedService(database, Options.Create(new SimulationOptions { Enabled = false }),
            new TestClock(TestClock.DefaultStart), NullLogger<SimulatorHostedService>.Instance, gate);
        await service.StartAsync(CancellationToken.None);
        await Task.Delay(100);
        Assert.False(service.Started.IsCompleted);

        gate.Complete();
        Assert.Null(await service.Started.WaitAsync(TimeSpan.FromSeconds(5)));
        await service.StopAsync(CancellationToken.None);
    }
}
