using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Prepaid.Acquisition.Polling;
using Prepaid.App.Kernel.Commands;
using Prepaid.App.Tests.Billing.MeterBilling;
using Prepaid.Domain.Model;

namespace Prepaid.App.Tests.Kernel.Commands;

/// <summary>Two runs of one journaled command (a resume at start racing a retry) never undo each other's outcome.</summary>
public sealed class MeterCommandRunnerTests
{
    private static async Task<(BillingWorld World, MeterCommandRunner Runner, long CommandId)> ArrangeAsync(MeterCommandKind kind)
    {
        var world = await BillingWorld.CreateAsync();
        await using var db = world.Database.CreateDbContext();
        var (_, accountId) = await world.AddAccountAsync(db, "C1");
        var meter = await world.AddMeterAsync(db, accountId, MeterProfile.PrepaidSinglePhase, BillingMode.Platform);
        var command = new MeterCommand
        {
            MeterId = meter.Id, Kind = kind, State = MeterCommandState.Requested, RequestedAt = world.Clock.GetUtcNow(),
            RequestedBy = "electrician", Reason = "Test",
        };
        db.MeterCommands.Add(command);
        await db.SaveChangesAsync();
        var notifier = new MeterCommandNotifier(TimeProvider.System, NullLogger<MeterCommandNotifier>.Instance);
        return (world, new MeterCommandRunner(world.Database, notifier, world.Clock, NullLogger<MeterCommandRunner>.Instance), command.Id);
    }

    private static Func<AcquisitionCommand, Task<CommandResult>> Answer(CommandResultStatus status, DateTimeOffset at, Task? gate = null, TaskCompletionSource? entered = null) =>
        async command =>
        {
            entered?.SetResult();
            if (gate is not null)
            {
                await gate;
            }

            return new CommandResult(command, status, status.ToString(), 1, at, at, at, null);
        };

    [Fact]
    public async Task Run_SecondRunFailsAfterTheFirstConfirmed_CommandStaysConfirmed()
    {
        var (world, runner, id) = await ArrangeAsync(MeterCommandKind.Trip);
        await using var _ = world;
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slow = runner.RunAsync(Answer(CommandResultStatus.Failed, world.Clock.GetUtcNow(), release.Task, entered), id, CancellationToken.None);
        await entered.Task;

        var fast = await runner.RunAsync(Answer(CommandResultStatus.Confirmed, world.Clock.GetUtcNow()), id, CancellationToken.None);
        release.SetResult();
        var late = await slow;

        Assert.Equal(MeterCommandState.Confirmed, fast.State);
        Assert.Equal(MeterCommandState.Confirmed, late.State);
        await using var db = world.Database.CreateDbContext();
        var stored = await db.MeterCommands.AsNoTracking().SingleAsync(c => c.Id == id);
        Assert.Equal((MeterCommandState.Confirmed, (string?)null, 2), (stored.State, stored.Error, stored.Attempts));
    }

    [Fact]
    public async Task Run_CommandAlreadyConfirmed_IsNotSentAgain()
    {
        var (world, runner, id) = await ArrangeAsync(MeterCommandKind.Close);
        await using var _ = world;
        await runner.RunAsync(Answer(CommandResultStatus.Confirmed, world.Clock.GetUtcNow()), id, CancellationToken.None);
        var submitted = 0;

        var again = await runner.RunAsync(command =>
        {
            submitted++;
            return Answer(CommandResultStatus.Failed, world.Clock.GetUtcNow())(command);
        }, id, CancellationToken.None);

        Assert.Equal((0, MeterCommandState.Confirmed, 1), (submitted, again.State, again.Attempts));
    }

    [Fact]
    public async Task Run_FailedCommandRetried_IsSentAgainAndConfirmed()
    {
        var (world, runner, id) = await ArrangeAsync(MeterCommandKind.Trip);
        await using var _ = world;
        var failed = await runner.RunAsync(Answer(CommandResultStatus.Failed, world.Clock.GetUtcNow()), id, CancellationToken.None);

        var retried = await runner.RunAsync(Answer(CommandResultStatus.Confirmed, world.Clock.GetUtcNow()), id, CancellationToken.None);

        Assert.Equal(MeterCommandState.Failed, failed.State);
        Assert.Equal((MeterCommandState.Confirmed, (string?)null, 2), (retried.State, retried.Error, retried.Attempts));
    }
}
