using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Prepaid.Acquisition.Polling;
using Prepaid.Acquisition.Simulator;
using Prepaid.App.Kernel.Contracts;
using Prepaid.App.Billing.MeterBilling;
using Prepaid.App.Persistence.Entities;
using Prepaid.App.Replacement;
using Prepaid.App.Kernel.Commands;
using Prepaid.Domain.Model;

namespace Prepaid.App.Tests.Billing.MeterBilling;

/// <summary>Balances carried by a meter replacement, loaded into (or deducted at) the new meter exactly once.</summary>
public sealed class BalanceTransferDeliveryTests
{
    private sealed class Alarms : IOperatorAlarmSink
    {
        public List<OperatorAlarmRaised> Raised { get; } = [];

        public Task RaiseAsync(OperatorAlarmRaised alarm, CancellationToken cancellationToken)
        {
            lock (Raised)
            {
                Raised.Add(alarm);
            }

            return Task.CompletedTask;
        }
    }

    private sealed record Bed(BillingWorld World, InProcessMeterBus Bus, Alarms Alarms) : IAsyncDisposable
    {
        public (MeterCommandRunner Runner, RechargeDeliveryService Service) Process()
        {
            var runner = new MeterCommandRunner(World.Database, new MeterCommandNotifier(TimeProvider.System, NullLogger<MeterCommandNotifier>.Instance), World.Clock, NullLogger<MeterCommandRunner>.Instance);
            var service = new RechargeDeliveryService(World.Database, World.Ledger, runner, new BusSubmitter(Bus), Alarms,
                Options.Create(new MeterBillingOptions { DeliveryRetryAfter = TimeSpan.FromSeconds(20) }), World.Clock, NullLogger<RechargeDeliveryService>.Instance);
            return (runner, service);
        }

        public ValueTask DisposeAsync() => World.DisposeAsync();
    }

    private static async Task<(Bed Bed, int AccountId, Meter Meter, SimulatedElectricityMeter Sim)> CreateAsync(decimal carried, int count = 0, decimal? hoardingLimit = null)
    {
        var world = await BillingWorld.CreateAsync();
        var bed = new Bed(world, new InProcessMeterBus(world.Clock, new Random(7), new FaultCounts()), new Alarms());
        await using var db = world.Database.CreateDbContext();
        var (_, accountId) = await world.AddAccountAsync(db, "S9");
        var meter = await world.AddMeterAsync(db, accountId, MeterProfile.PrepaidSinglePhase, BillingMode.Meter);
        var sim = new SimulatedElectricityMeter(new SimulatedMeterSettings
        {
            Profile = meter.Profile, InitialBalance = 0m, InitialPurchaseCount = count, AlarmAmount1 = 0m, AlarmAmount2 = 0m, HoardingLimit = hoardingLimit,
        }, world.Clock);
        bed.Bus.Add(meter.Id, sim);
        var replacement = new MeterReplacement
        {
            MeterId = meter.Id, ReplacedAt = world.Clock.GetUtcNow(), ReplacedBy = "electrician", Reason = "Display dead", OldSerialNumber = "OLD-1",
            NewSerialNumber = "NEW-1", NewUnitId = meter.UnitId, CarriedBalance = carried,
        };
        db.MeterReplacements.Add(replacement);
        await db.SaveChangesAsync();
        db.PendingBalanceTransfers.Add(new PendingBalanceTransfer
        {
            ReplacementId = replacement.Id, MeterId = meter.Id, AccountId = accountId, Amount = carried,
            IdempotencyKey = MeterReplacementService.TransferKey(replacement.Id), State = BalanceTransferState.Pending, CreatedAt = world.Clock.GetUtcNow(),
        });
        await db.SaveChangesAsync();
        return (bed, accountId, meter, sim);
    }

    [Fact]
    public async Task Scan_PositiveBalanceWithLostAnswersAndACrashBeforeItIsMarked_LoadedOnceBeforeTheRecharge()
    {
        var (bed, accountId, meter, sim) = await CreateAsync(123.45m, count: 41);
        await using var _ = bed;
        await bed.World.RechargeAsync(accountId, 50m, "order:S9-1");
        bed.Bus.Faults = new FaultRates(AnswerLost: 0.5, DuplicateWrite: 0.3, ReadTimeout: 0.1);
        var crashed = 0;
        var process = bed.Process();
        process.Service.AfterCommand = _ =>
        {
            if (crashed++ == 0)
            {
                throw new SimulatedCrashException("transfer command finished, transfer not yet marked");
            }
        };

        for (var step = 0; step < 100; step++)
        {
            try
            {
                await process.Service.ScanAsync(default);
            }
            catch (SimulatedCrashException)
            {
            }

            await using var db = bed.World.Database.CreateDbContext();
            if (await db.RechargeDeliveries.AllAsync(d => d.State == RechargeDeliveryState.Delivered)
                && await db.PendingBalanceTransfers.AllAsync(t => t.State != BalanceTransferState.Pending))
            {
                break;
            }

            // A new process after each round, as after a restart: everything is derived from the database.
            process = bed.Process();
            await process.Runner.ResumePendingAsync(bed.Bus.SubmitAsync, default);
            bed.World.Clock.Advance(TimeSpan.FromSeconds(25));
        }

        await using var check = bed.World.Database.CreateDbContext();
        var transfer = await check.PendingBalanceTransfers.AsNoTracking().SingleAsync();
        var commands = await check.MeterCommands.AsNoTracking().OrderBy(c => c.Id).ToListAsync();
        Assert.True(crashed >= 1);
        Assert.Equal(BalanceTransferState.Delivered, transfer.State);
        Assert.NotNull(transfer.CompletedAt);
        Assert.Null(transfer.Error);
        Assert.Equal(commands[0].Id, transfer.MeterCommandId);
        Assert.Equal([RechargeDeliveryService.TransferRequestedBy, RechargeDeliveryService.RequestedBy], commands.Select(c => c.RequestedBy));
        Assert.All(commands, c => Assert.Equal(MeterCommandState.Confirmed, c.State));
        Assert.Equal((173.45m, 43), (sim.Remaining, sim.PurchaseCount));
        Assert.Empty(bed.Alarms.Raised);
    }

    [Fact]
    public async Task Deliver_CarriedOverdraft_WaitsUntilRechargesExceedItThenDeductsItFromOnePurchase()
    {
        var (bed, accountId, meter, sim) = await CreateAsync(-30m);
        await using var _ = bed;
        var service = bed.Process().Service;

        var small = await bed.World.RechargeAsync(accountId, 20m, "order:S9-1");
        await service.DeliverEntryAsync(small.Id, default);
        var afterSmall = (sim.Remaining, sim.PurchaseCount);
        var large = await bed.World.RechargeAsync(accountId, 50m, "order:S9-2");
        await service.DeliverEntryAsync(large.Id, default);
        var third = await bed.World.RechargeAsync(accountId, 5m, "order:S9-3");
        await service.DeliverEntryAsync(third.Id, default);

        await using var check = bed.World.Database.CreateDbContext();
        var transfer = await check.PendingBalanceTransfers.AsNoTracking().SingleAsync();
        var parts = await check.RechargeDeliveries.AsNoTracking().OrderBy(d => d.Id).ToListAsync();
        var commands = await check.MeterCommands.AsNoTracking().OrderBy(c => c.Id).ToListAsync();
        Assert.Equal((0m, 0), afterSmall);
        Assert.Equal((45m, 2), (sim.Remaining, sim.PurchaseCount));
        Assert.All(parts, p => Assert.Equal(RechargeDeliveryState.Delivered, p.State));
        Assert.Equal(2, commands.Count);
        Assert.Equal([commands[0].Id, null, commands[1].Id], parts.Select(p => p.MeterCommandId));
        Assert.Equal((BalanceTransferState.Delivered, commands[0].Id), (transfer.State, transfer.MeterCommandId));
        Assert.Contains("less the overdraft 30", commands[0].Reason);
    }

    [Fact]
    public async Task Deliver_TransferNotInWholeFen_FailsItWithAnAlarmAndStillDeliversRecharges()
    {
        var (bed, accountId, meter, sim) = await CreateAsync(12.345m);
        await using var _ = bed;
        var recharge = await bed.World.RechargeAsync(accountId, 10m, "order:S9-1");

        await bed.Process().Service.DeliverEntryAsync(recharge.Id, default);

        await using var check = bed.World.Database.CreateDbContext();
        var transfer = await check.PendingBalanceTransfers.AsNoTracking().SingleAsync();
        Assert.Equal(BalanceTransferState.Failed, transfer.State);
        Assert.Contains("whole fen", transfer.Error);
        Assert.NotNull(transfer.CompletedAt);
        Assert.Equal(RechargeDeliveryService.TransferFailedAlarmCode, Assert.Single(bed.Alarms.Raised).Code);
        Assert.Equal(10m, sim.Remaining);
    }

    [Fact]
    public async Task Scan_CrashAfterThePartIsMarkedBeforeItsCarriedOverdraft_RestartMarksTheOverdraftPaidOffOnce()
    {
        var (bed, accountId, meter, sim) = await CreateAsync(-30m, count: 7);
        await using var _ = bed;
        var recharge = await bed.World.RechargeAsync(accountId, 50m, "order:S9-1");
        var first = bed.Process().Service;
        first.AfterPartMarked = _ => throw new SimulatedCrashException("part marked, carried overdraft not yet marked");

        await Assert.ThrowsAsync<SimulatedCrashException>(() => first.DeliverEntryAsync(recharge.Id, default));
        PendingBalanceTransfer stopped;
        await using (var db = bed.World.Database.CreateDbContext())
        {
            stopped = await db.PendingBalanceTransfers.AsNoTracking().SingleAsync();
            Assert.Equal(RechargeDeliveryState.Delivered, (await db.RechargeDeliveries.AsNoTracking().SingleAsync()).State);
        }

        // A new process: its start-up scan, then a second one (a settled transfer is not settled again).
        var restarted = bed.Process().Service;
        await restarted.ScanAsync(default);
        await restarted.ScanAsync(default);

        await using var check = bed.World.Database.CreateDbContext();
        var transfer = await check.PendingBalanceTransfers.AsNoTracking().SingleAsync();
        var command = await check.MeterCommands.AsNoTracking().SingleAsync();
        Assert.Equal((BalanceTransferState.Pending, command.Id), (stopped.State, stopped.MeterCommandId));
        Assert.Equal((BalanceTransferState.Delivered, command.Id, (string?)null), (transfer.State, transfer.MeterCommandId, transfer.Error));
        Assert.NotNull(transfer.CompletedAt);
        Assert.Equal(MeterCommandState.Confirmed, command.State);
        Assert.Equal((20m, 8), (sim.Remaining, sim.PurchaseCount));
        Assert.Empty(bed.Alarms.Raised);
    }

    [Fact]
    public async Task Scan_CrashAfterARefusedPartIsMarkedBeforeItsCarriedOverdraft_RestartFailsTheOverdraftWithoutASecondAlarm()
    {
        var (bed, accountId, meter, sim) = await CreateAsync(-30m, hoardingLimit: 10m);
        await using var _ = bed;
        var recharge = await bed.World.RechargeAsync(accountId, 50m, "order:S9-1");
        var first = bed.Process().Service;
        first.AfterPartMarked = _ => throw new SimulatedCrashException("part marked, carried overdraft not yet marked");

        await Assert.ThrowsAsync<SimulatedCrashException>(() => first.DeliverEntryAsync(recharge.Id, default));
        var restarted = bed.Process().Service;
        await restarted.ScanAsync(default);
        await restarted.ScanAsync(default);

        await using var check = bed.World.Database.CreateDbContext();
        var transfer = await check.PendingBalanceTransfers.AsNoTracking().SingleAsync();
        var part = await check.RechargeDeliveries.AsNoTracking().SingleAsync();
        var command = await check.MeterCommands.AsNoTracking().SingleAsync();
        Assert.Equal(MeterCommandState.Refused, command.State);
        Assert.Equal(RechargeDeliveryState.NeedsOperator, part.State);
        Assert.Equal((BalanceTransferState.Failed, command.Id), (transfer.State, transfer.MeterCommandId));
        Assert.False(string.IsNullOrEmpty(transfer.Error));
        var alarm = Assert.Single(bed.Alarms.Raised);
        Assert.Equal(RechargeDeliveryService.NeedsOperatorAlarmCode, alarm.Code);
        Assert.Contains("overdraft carried by", alarm.Detail);
        Assert.Equal((0m, 0), (sim.Remaining, sim.PurchaseCount));
    }
}
