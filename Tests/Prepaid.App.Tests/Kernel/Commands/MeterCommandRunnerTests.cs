using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Prepaid.Acquisition.Polling;
using Prepaid.Acquisition.Simulator;
using Prepaid.App.Billing.MeterBilling;
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

    /// <summary>
    /// The cause of a doubled purchase seen in the randomized delivery test under load (a meter ended with 1341.23 yuan
    /// instead of 920.61): run A read the purchase without an intent; run B persisted its intent, wrote the purchase and
    /// stopped; A then marked the command Sent with the payload it had read, erasing B's intent, probed count N+1 and
    /// sent purchase N+2. Now A's compare-and-set finds B's intent and A writes nothing; the next run resumes B's.
    /// </summary>
    [Fact]
    public async Task Run_AnotherRunPersistsItsIntentAndWritesMeanwhile_NoSecondPurchase()
    {
        await using var world = await BillingWorld.CreateAsync();
        var bus = new InProcessMeterBus(world.Clock, new Random(7), new FaultCounts());
        var simulated = new SimulatedElectricityMeter(
            new SimulatedMeterSettings { Profile = MeterProfile.PrepaidSinglePhase, InitialBalance = 10m, AlarmAmount1 = 0m, AlarmAmount2 = 0m }, world.Clock);
        long id;
        await using (var db = world.Database.CreateDbContext())
        {
            var (_, accountId) = await world.AddAccountAsync(db, "C9");
            var meter = await world.AddMeterAsync(db, accountId, MeterProfile.PrepaidSinglePhase, BillingMode.Meter);
            bus.Add(meter.Id, simulated);
            var command = PurchaseCommands.New(meter.Id, 420.62m, RechargeDeliveryService.RequestedBy, "Recharge test", world.Clock.GetUtcNow());
            db.MeterCommands.Add(command);
            await db.SaveChangesAsync();
            id = command.Id;
        }

        var notifier = new MeterCommandNotifier(TimeProvider.System, NullLogger<MeterCommandNotifier>.Instance);
        MeterCommandRunner Runner() => new(world.Database, notifier, world.Clock, NullLogger<MeterCommandRunner>.Instance);
        var a = Runner();
        var overtaken = false;
        a.AfterRequestBuilt = async commandId =>
        {
            if (overtaken)
            {
                return;
            }

            overtaken = true;
            // Run B: persists "expect count 1", writes the purchase, and the process stops before the read-back.
            bus.Faults = new FaultRates(CrashAfterWrite: 1);
            await Assert.ThrowsAsync<SimulatedCrashException>(() => Runner().RunAsync(bus.SubmitAsync, commandId, CancellationToken.None));
            bus.Faults = new FaultRates();
        };

        await Record.ExceptionAsync(() => a.RunAsync(bus.SubmitAsync, id, CancellationToken.None));
        var resumed = await Runner().RunAsync(bus.SubmitAsync, id, CancellationToken.None);

        Assert.True(overtaken);
        Assert.Equal(MeterCommandState.Confirmed, resumed.State);
        Assert.Equal((1, 430.62m), (simulated.PurchaseCount, simulated.Remaining));
    }
}
