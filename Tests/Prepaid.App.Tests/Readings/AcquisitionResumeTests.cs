using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Prepaid.App.Kernel.Commands;
using Prepaid.App.Kernel.Contracts;
using Prepaid.App.Persistence;
using Prepaid.App.Readings;
using Prepaid.App.Tests.Support;
using Prepaid.Domain.Model;

namespace Prepaid.App.Tests.Readings;

/// <summary>Commands a previous process left pending wait for gateways and run as soon as a reload brings them.</summary>
public sealed class AcquisitionResumeTests
{
    /// <summary>
    /// Runs after the demo is seeded and before acquisition starts (hosted lifecycle: every StartingAsync before any
    /// StartAsync): the site has no enabled gateway, and a command a previous process left Requested.
    /// </summary>
    private sealed class NoGatewaysWithAPendingCommand(IDbContextFactory<PrepaidDb> factory) : IHostedLifecycleService
    {
        public long CommandId { get; private set; }

        public async Task StartingAsync(CancellationToken cancellationToken)
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            await db.Gateways.ExecuteUpdateAsync(u => u.SetProperty(g => g.Enabled, false), cancellationToken);
            var meterId = await db.Meters.Where(m => m.Kind == MeterKind.Electricity).OrderBy(m => m.Id).Select(m => m.Id).FirstAsync(cancellationToken);
            var command = new MeterCommand
            {
                MeterId = meterId, Kind = MeterCommandKind.Trip, State = MeterCommandState.Requested, RequestedAt = DateTimeOffset.UtcNow,
                RequestedBy = "electrician", Reason = "Requested before the stop",
            };
            db.MeterCommands.Add(command);
            await db.SaveChangesAsync(cancellationToken);
            CommandId = command.Id;
        }

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    [Fact]
    public async Task ConfigurationReload_AddsGatewaysAfterTheResumeWaitGrew_PendingCommandRunsWithinSeconds()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var factory = new LiveAppFactory(
            new Dictionary<string, string> { ["Simulator:Enabled"] = "false", ["Acquisition:ConfigurationRefresh"] = "00:30:00" },
            services =>
            {
                services.AddSingleton<TimeProvider>(clock);
                services.AddSingleton<NoGatewaysWithAPendingCommand>();
                services.AddHostedService(sp => sp.GetRequiredService<NoGatewaysWithAPendingCommand>());
            });
        using var client = factory.CreateClient();
        var acquisition = factory.Services.GetRequiredService<AcquisitionHostedService>();
        var pending = factory.Services.GetRequiredService<NoGatewaysWithAPendingCommand>();
        var dbFactory = factory.Services.GetRequiredService<IDbContextFactory<PrepaidDb>>();
        await acquisition.Started.WaitAsync(TimeSpan.FromSeconds(30));

        // Without gateways the resumer checks after 0.2, 0.4, 0.8, 1.6 and 3.2 s of the host's clock. Drive that clock
        // through 6.5 s in small steps, so that the wait has doubled to 6.4 s; from then on the clock stands still, so
        // only the reload's wake-up can run the command.
        for (var step = 0; step < 65; step++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Yield();
        }

        Assert.Equal(MeterCommandState.Requested, await StateAsync(dbFactory, pending.CommandId));
        Assert.Empty(acquisition.Engine!.Configuration.Gateways);
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            await db.Gateways.ExecuteUpdateAsync(u => u.SetProperty(g => g.Enabled, true));
        }

        // The command journal announces every state the command takes: the first one past Requested is the proof.
        var ran = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (factory.Services.GetRequiredService<MeterCommandNotifier>().Subscribe(change =>
               {
                   if (change.CommandId == pending.CommandId && change.State != MeterCommandState.Requested)
                   {
                       ran.TrySetResult();
                   }
               }))
        {
            factory.Services.GetRequiredService<ConfigurationChangeSignal>().Raise();
            // The host's clock stood still: only the reload's wake-up can have run the pending command.
            await ran.Task.WaitAsync(TimeSpan.FromSeconds(4));
        }

        Assert.NotEqual(MeterCommandState.Requested, await StateAsync(dbFactory, pending.CommandId));
        Assert.NotEmpty(acquisition.Engine.Configuration.Gateways);
    }

    private static async Task<MeterCommandState> StateAsync(IDbContextFactory<PrepaidDb> factory, long commandId)
    {
        await using var db = await factory.CreateDbContextAsync();
        return await db.MeterCommands.AsNoTracking().Where(c => c.Id == commandId).Select(c => c.State).SingleAsync();
    }
}
