using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Prepaid.App.Kernel.Hosting;
using Prepaid.App.Simulation;
using Prepaid.App.Tests.Support;
using Xunit;

namespace Prepaid.App.Tests.Kernel.Hosting;

public sealed class StartGateTests
{
    [Fact]
    public void WaitAsync_NothingHeld_CompletesAtOnce()
    {
        var gate = new StartGate();
        Assert.True(gate.IsOpen(StartStage.GatewaysListening));
        Assert.True(gate.WaitAsync(StartStage.GatewaysListening, CancellationToken.None).IsCompletedSuccessfully);
        Assert.Empty(gate.Progress);
    }

    [Fact]
    public async Task WaitAsync_HistoryHeld_CompletesOnlyWhenReleased()
    {
        var gate = new StartGate();
        var hold = gate.Hold(StartStage.PastWritten, "DemoHistory", 60);
        var wait = gate.WaitAsync(StartStage.PastWritten, CancellationToken.None);
        hold.Report(59);
        Assert.False(wait.IsCompleted);
        Assert.False(gate.IsOpen(StartStage.PastWritten));

        hold.Release();
        await wait.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(gate.IsOpen(StartStage.PastWritten));
        Assert.Equal([new StartHoldProgress("DemoHistory", false, 60, 60, false)], gate.Progress);
    }

    [Fact]
    public void WaitAsync_LaterStageHeld_DoesNotHoldAnEarlierStage()
    {
        var gate = new StartGate();
        gate.Hold(StartStage.GatewaysListening, "Simulator");

        Assert.True(gate.WaitAsync(StartStage.PastWritten, CancellationToken.None).IsCompletedSuccessfully);
        Assert.False(gate.WaitAsync(StartStage.GatewaysListening, CancellationToken.None).IsCompleted);
    }

    [Fact]
    public void WaitAsync_EarlierStageHeld_HoldsEveryLaterStage()
    {
        var gate = new StartGate();
        var history = gate.Hold(StartStage.PastWritten, "DemoHistory", 3);

        Assert.False(gate.WaitAsync(StartStage.GatewaysListening, CancellationToken.None).IsCompleted);
        history.Release();
        Assert.True(gate.WaitAsync(StartStage.GatewaysListening, CancellationToken.None).IsCompletedSuccessfully);
    }

    [Fact]
    public void Report_Subscribed_PublishesStepsDoneUntilDisposed()
    {
        var gate = new StartGate();
        var seen = new List<StartHoldProgress>();
        var subscription = gate.Subscribe(seen.Add);
        var hold = gate.Hold(StartStage.PastWritten, "DemoHistory", 60);
        hold.Report(1);
        hold.Report(2);
        subscription.Dispose();
        hold.Report(3);

        Assert.Equal([new("DemoHistory", true, 0, 60, false), new("DemoHistory", true, 1, 60, false), new("DemoHistory", true, 2, 60, false)], seen);
        Assert.Equal(new StartHoldProgress("DemoHistory", true, 3, 60, false), hold.Progress);
    }

    [Fact]
    public void Release_Failed_KeepsTheStepsDoneAndOpensTheGate()
    {
        var gate = new StartGate();
        var hold = gate.Hold(StartStage.PastWritten, "DemoHistory", 60);
        hold.Report(12);
        hold.Release(failed: true);
        Assert.True(gate.IsOpen(StartStage.PastWritten));
        Assert.Equal(new StartHoldProgress("DemoHistory", false, 12, 60, true), hold.Progress);
    }

    [Fact]
    public void Release_Twice_ChangesNothingTheSecondTime()
    {
        var gate = new StartGate();
        var hold = gate.Hold(StartStage.PastWritten, "DemoHistory", 60);
        hold.Release(failed: true);
        hold.Release();
        Assert.Equal(new StartHoldProgress("DemoHistory", false, 0, 60, true), hold.Progress);
    }

    [Fact]
    public async Task SimulatorHostedService_HistoryRunning_StartsOnlyAfterTheHistoryCompletes()
    {
        await using var database = await TestDatabase.CreateAsync();
        var gate = new StartGate();
        var history = gate.Hold(StartStage.PastWritten, "DemoHistory", 60);
        using var service = new SimulatorHostedService(database, Options.Create(new SimulationOptions { Enabled = false }),
            Options.Create(new Prepaid.App.Persistence.DatabaseOptions { DataDirectory = database.Folder }), new FakeTimeProvider(TestTime.DefaultStart), NullLogger<SimulatorHostedService>.Instance, gate);
        await service.StartAsync(CancellationToken.None);
        Assert.False(service.Started.IsCompleted);

        history.Release();
        Assert.Null(await service.Started.WaitAsync(TimeSpan.FromSeconds(5)));
        await service.StopAsync(CancellationToken.None);
    }

    [Fact]
    public void SimulatorHostedService_Enabled_HoldsTheGatewaysUntilItListens()
    {
        var gate = new StartGate();
        _ = new SimulatorHostedService(null!, Options.Create(new SimulationOptions { Enabled = true }),
            Options.Create(new Prepaid.App.Persistence.DatabaseOptions()), new FakeTimeProvider(TestTime.DefaultStart), NullLogger<SimulatorHostedService>.Instance, gate);

        Assert.True(gate.IsOpen(StartStage.PastWritten));
        Assert.False(gate.IsOpen(StartStage.GatewaysListening));
    }
}
