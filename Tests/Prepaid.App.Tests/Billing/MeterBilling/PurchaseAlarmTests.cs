using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Prepaid.Acquisition.Drivers;
using Prepaid.Acquisition.Polling;
using Prepaid.Acquisition.Simulator;
using Prepaid.App.Alarms;
using Prepaid.App.Kernel.Contracts;
using Prepaid.App.Billing.MeterBilling;
using Prepaid.App.Persistence.Entities;
using Prepaid.App.Replacement;
using Prepaid.App.Kernel.Commands;
using Prepaid.App.Kernel.Live;
using Prepaid.Domain.Model;

namespace Prepaid.App.Tests.Billing.MeterBilling;

/// <summary>
/// A delivery purchase that needs an operator reaches the operator as one alarm, delivery's (which says what to do), not
/// once more from the command journal; every other failed command still alarms through the journal.
/// </summary>
public sealed class PurchaseAlarmTests
{
    private sealed class Bed : IAsyncDisposable
    {
        public Bed(BillingWorld world)
        {
            World = world;
            Bus = new InProcessMeterBus(world.Clock, new Random(3), new FaultCounts());
            var options = Options.Create(new AlarmOptions());
            Alarms = new AlarmService(world.Database, new AlarmNotifier(world.Clock, NullLogger<AlarmNotifier>.Instance),
                new AlarmQuery(world.Database, world.Clock, options), world.Clock, options, NullLogger<AlarmService>.Instance);
            var live = new LiveStateNotifier(world.Clock, NullLogger<LiveStateNotifier>.Instance);
            Sources = new AlarmSourcesHostedService(world.Database, Alarms, live, new LiveStateCache(world.Database, live), options, world.Clock,
                NullLogger<AlarmSourcesHostedService>.Instance, new Prepaid.App.Kernel.Hosting.StartGate(),
                [new Prepaid.App.Billing.MeterBilling.DeliveryCommandAlarms(), new Prepaid.App.Meters.KeepPower.KeepPowerCommandAlarms()]);
        }

        public BillingWorld World { get; }
        public InProcessMeterBus Bus { get; }
        public AlarmService Alarms { get; }
        public AlarmSourcesHostedService Sources { get; }

        public RechargeDeliveryService Deliveries() => new(World.Database, World.Ledger,
            new MeterCommandRunner(World.Database, new MeterCommandNotifier(TimeProvider.System, NullLogger<MeterCommandNotifier>.Instance), World.Clock, NullLogger<MeterCommandRunner>.Instance),
            new BusSubmitter(Bus), new OperatorAlarmSink(Alarms), Options.Create(new MeterBillingOptions()), World.Clock, NullLogger<RechargeDeliveryService>.Instance);

        /// <summary>A meter-billing single-phase meter of a new account, with its simulated device.</summary>
        public async Task<(int AccountId, Meter Meter, SimulatedElectricityMeter Sim)> MeterAsync(string unit, decimal? hoardingLimit = null)
        {
            await using var db = World.Database.CreateDbContext();
            var (_, accountId) = await World.AddAccountAsync(db, unit);
            var meter = await World.AddMeterAsync(db, accountId, MeterProfile.PrepaidSinglePhase, BillingMode.Meter);
            var sim = new SimulatedElectricityMeter(new SimulatedMeterSettings
            {
                Profile = meter.Profile, InitialBalance = 0m, AlarmAmount1 = 0m, AlarmAmount2 = 0m, HoardingLimit = hoardingLimit,
            }, World.Clock);
            Bus.Add(meter.Id, sim);
            return (accountId, meter, sim);
        }

        /// <summary>A balance carried to <paramref name="meter"/> by a replacement, waiting for delivery.</summary>
        public async Task CarryAsync(int accountId, Meter meter, decimal carried)
        {
            await using var db = World.Database.CreateDbContext();
            var replacement = new MeterReplacement
            {
                MeterId = meter.Id, ReplacedAt = World.Clock.GetUtcNow(), ReplacedBy = "electrician", Reason = "Display dead", OldSerialNumber = "OLD-" + meter.Id,
                NewSerialNumber = "NEW-" + meter.Id, NewUnitId = meter.UnitId, CarriedBalance = carried,
            };
            db.MeterReplacements.Add(replacement);
            await db.SaveChangesAsync();
            db.PendingBalanceTransfers.Add(new PendingBalanceTransfer
            {
                ReplacementId = replacement.Id, MeterId = meter.Id, AccountId = accountId, Amount = carried,
                IdempotencyKey = MeterReplacementService.TransferKey(replacement.Id), State = BalanceTransferState.Pending, CreatedAt = World.Clock.GetUtcNow(),
            });
            await db.SaveChangesAsync();
        }

        /// <summary>The meter's CommandFailed alarm and how many times it was announced.</summary>
        public async Task<(string Message, int Announced)> CommandFailedAsync(int meterId)
        {
            await using var db = World.Database.CreateDbContext();
            var alarm = await db.Alarms.AsNoTracking().SingleAsync(a => a.SourceKind == AlarmSourceKind.Meter && a.SourceId == meterId && a.Condition == AlarmCondition.CommandFailed);
            return (alarm.Message ?? "", await db.AlarmJournal.CountAsync(j => j.AlarmId == alarm.Id && j.Annunciated));
        }

        public ValueTask DisposeAsync() => World.DisposeAsync();
    }

    [Fact]
    public async Task Scan_PurchasesAndTransfersThatNeedAnOperator_OneAnnouncedAlarmEachWhileOtherFailedCommandsStillAlarm()
    {
        await using var bed = new Bed(await BillingWorld.CreateAsync());
        var refused = await bed.MeterAsync("R1", hoardingLimit: 20m);
        var mismatch = await bed.MeterAsync("R2");
        var transfer = await bed.MeterAsync("R3", hoardingLimit: 20m);
        var overdraft = await bed.MeterAsync("R4", hoardingLimit: 10m);
        var manual = await bed.MeterAsync("R5");
        var unanswered = await bed.MeterAsync("R6");
        var service = bed.Deliveries();

        // R1: the meter refuses 50 yuan over its hoarding limit of 20.
        await bed.World.RechargeAsync(refused.AccountId, 50m, "order:R1");
        // R2: a previous run persisted "expect count 1" and stopped; meanwhile other purchases took the meter to 2.
        var entry = await bed.World.RechargeAsync(mismatch.AccountId, 50m, "order:R2");
        await service.PlanAsync(entry.Id, default);
        await LinkStartedPurchaseAsync(bed, mismatch.Meter.Id);
        await SellElsewhereAsync(bed, mismatch.Meter.Id, 7m);
        await SellElsewhereAsync(bed, mismatch.Meter.Id, 8m);
        // R3: a carried balance of 50 yuan that the new meter refuses.
        await bed.CarryAsync(transfer.AccountId, transfer.Meter, 50m);
        // R4: a carried overdraft of 30 paid off from a recharge of 50: the purchase of 20 is refused over a limit of 10.
        await bed.CarryAsync(overdraft.AccountId, overdraft.Meter, -30m);
        await bed.World.RechargeAsync(overdraft.AccountId, 50m, "order:R4");
        // R5 and R6: failures that nothing else alarms, an operator's trip and a purchase delivery sends again.
        await AddFailedAsync(bed, manual.Meter.Id, MeterCommandKind.Trip, "electrician", "No read-back after 3 attempts.");
        await AddFailedAsync(bed, unanswered.Meter.Id, MeterCommandKind.DeliverPurchase, RechargeDeliveryService.RequestedBy, "No answer from the meter.");

        await service.ScanAsync(default);
        await bed.Sources.PollOnceAsync(default);
        await bed.Deliveries().ScanAsync(default);
        await bed.Sources.PollOnceAsync(default);

        await using (var db = bed.World.Database.CreateDbContext())
        {
            var commands = await db.MeterCommands.AsNoTracking().Where(c => c.Kind == MeterCommandKind.DeliverPurchase).ToListAsync();
            Assert.Equal(MeterCommandState.Refused, commands.Single(c => c.MeterId == refused.Meter.Id).State);
            Assert.Contains("Count mismatch", commands.Single(c => c.MeterId == mismatch.Meter.Id).Error);
            var transferCommand = commands.Single(c => c.MeterId == transfer.Meter.Id);
            Assert.Equal((MeterCommandState.Refused, RechargeDeliveryService.TransferRequestedBy), (transferCommand.State, transferCommand.RequestedBy));
            Assert.Equal(MeterCommandState.Refused, commands.Single(c => c.MeterId == overdraft.Meter.Id).State);
            Assert.All(await db.PendingBalanceTransfers.AsNoTracking().ToListAsync(), p => Assert.Equal(BalanceTransferState.Failed, p.State));
        }

        foreach (var meter in new[] { refused.Meter, mismatch.Meter, overdraft.Meter })
        {
            var (message, announced) = await bed.CommandFailedAsync(meter.Id);
            Assert.Equal(1, announced);
            Assert.StartsWith("Recharge order:R", message);
            Assert.Contains("needs an operator", message);
        }

        var transferAlarm = await bed.CommandFailedAsync(transfer.Meter.Id);
        Assert.Equal(1, transferAlarm.Announced);
        Assert.StartsWith("Balance 50 yuan carried by", transferAlarm.Message);
        Assert.Contains("overdraft carried by", (await bed.CommandFailedAsync(overdraft.Meter.Id)).Message);
        var trip = await bed.CommandFailedAsync(manual.Meter.Id);
        Assert.Equal(1, trip.Announced);
        Assert.StartsWith("Trip Failed: No read-back", trip.Message);
        var resent = await bed.CommandFailedAsync(unanswered.Meter.Id);
        Assert.Equal(1, resent.Announced);
        Assert.StartsWith("DeliverPurchase Failed: No answer", resent.Message);
    }

    private static async Task LinkStartedPurchaseAsync(Bed bed, int meterId)
    {
        await using var db = bed.World.Database.CreateDbContext();
        var part = await db.RechargeDeliveries.SingleAsync(d => d.MeterId == meterId);
        var command = new MeterCommand
        {
            MeterId = meterId, Kind = MeterCommandKind.DeliverPurchase, State = MeterCommandState.Sent, RequestedAt = bed.World.Clock.GetUtcNow(),
            RequestedBy = RechargeDeliveryService.RequestedBy, Reason = "Recharge order:R2: 50 yuan",
            PayloadJson = JsonSerializer.Serialize(new MeterCommandRunner.PurchasePayload(50m, new PurchaseIntent(1, 50m, 0m))),
        };
        db.MeterCommands.Add(command);
        await db.SaveChangesAsync();
        part.MeterCommandId = command.Id;
        await db.SaveChangesAsync();
    }

    private static Task<CommandResult> SellElsewhereAsync(Bed bed, int meterId, decimal amount) =>
        bed.Bus.SubmitAsync(new AcquisitionCommand(meterId, new DeliverPurchaseCommand(amount), "other", "test"));

    private static async Task AddFailedAsync(Bed bed, int meterId, MeterCommandKind kind, string requestedBy, string error)
    {
        await using var db = bed.World.Database.CreateDbContext();
        var now = bed.World.Clock.GetUtcNow();
        db.MeterCommands.Add(new MeterCommand
        {
            MeterId = meterId, Kind = kind, State = MeterCommandState.Failed, RequestedAt = now, CompletedAt = now, RequestedBy = requestedBy,
            Reason = "test", Error = error,
        });
        await db.SaveChangesAsync();
    }
}
