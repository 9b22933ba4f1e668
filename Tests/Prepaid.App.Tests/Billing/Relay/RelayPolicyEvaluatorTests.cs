using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Prepaid.Acquisition.Drivers;
using Prepaid.Acquisition.Polling;
using Prepaid.Acquisition.Simulator;
using Prepaid.App.Kernel.Contracts;
using Prepaid.App.Kernel.Ledger;
using Prepaid.App.Billing.Relay;
using Prepaid.App.Kernel.Commands;
using Prepaid.App.Tests.Billing.MeterBilling;
using Prepaid.Domain.Billing;
using Prepaid.Domain.Model;

namespace Prepaid.App.Tests.Billing.Relay;

/// <summary>The relay policy's wiring on an in-process platform-billing meter: state taken from the meter and the journal, notices, commands.</summary>
public sealed class RelayPolicyEvaluatorTests
{
    [Fact]
    public async Task Evaluate_PolicyTripResumedAfterARestart_KeepsItsArrearsCauseAndClosesOnRecharge()
    {
        await using var world = await BillingWorld.CreateAsync();
        var bus = new InProcessMeterBus(world.Clock, new Random(1), new FaultCounts());
        int accountId, tenantId;
        Meter meter;
        await using (var db = world.Database.CreateDbContext())
        {
            (tenantId, accountId) = await world.AddAccountAsync(db, "E1");
            meter = await world.AddMeterAsync(db, accountId, MeterProfile.PrepaidThreePhase, BillingMode.Platform);
        }

        var sim = new SimulatedElectricityMeter(new SimulatedMeterSettings { Profile = MeterProfile.PrepaidThreePhase, InternalControl = false }, world.Clock);
        bus.Add(meter.Id, sim);
        await world.Ledger.PostAsync(new LedgerPosting(accountId, LedgerEntryKind.OpeningBalance, 10m, "open:E1", "test"), default);
        await world.Ledger.PostAsync(new LedgerPosting(accountId, LedgerEntryKind.EnergyCharge, -20m, "charge:E1", "platform-billing"), default);

        // Before a stop the policy's trip was journaled; the start-up resume confirmed it, but the policy never recorded it.
        await bus.SubmitAsync(new AcquisitionCommand(meter.Id, new TripCommand(), RelayPolicy.RequestedBy, "test"));
        var now = world.Clock.GetUtcNow();
        await using (var db = world.Database.CreateDbContext())
        {
            db.MeterCommands.Add(new MeterCommand
            {
                MeterId = meter.Id, Kind = MeterCommandKind.Trip, State = MeterCommandState.Confirmed, RequestedAt = now, CompletedAt = now,
                RequestedBy = RelayPolicy.RequestedBy, Reason = "ArrearsTrip (balance -10.00 yuan)", Attempts = 1,
            });
            db.MeterLiveStates.Add(new MeterLiveState { MeterId = meter.Id, Quality = ValueQuality.Good, LastGoodAt = now, UpdatedAt = now, SupplyOn = false, PowerKw = 0m });
            await db.SaveChangesAsync();
        }

        var evaluator = new RelayPolicyEvaluator(world.Database, world.Ledger, new MeterCommandRunner(world.Database, new MeterCommandNotifier(TimeProvider.System, NullLogger<MeterCommandNotifier>.Instance), world.Clock, NullLogger<MeterCommandRunner>.Instance),
            new BusSubmitter(bus), new LoggingOperatorAlarmSink(NullLogger<LoggingOperatorAlarmSink>.Instance), Options.Create(new RelayPolicyOptions()), world.Clock,
            NullLogger<RelayPolicyEvaluator>.Instance);

        world.Clock.Advance(TimeSpan.FromSeconds(5));
        var held = await evaluator.EvaluateAsync(meter.Id, default);
        await world.Ledger.PostAsync(new LedgerPosting(accountId, LedgerEntryKind.Recharge, 100m, "order:E1", "cashier", PaymentMethod.Cash), default);
        var closed = await evaluator.EvaluateAsync(meter.Id, default);

        Assert.Equal((RelayDirective.None, RelayReason.ArrearsRemain), (held!.Decision.Action, held.Decision.Reason));
        Assert.Equal((RelayDirective.Close, RelayReason.RechargeClose, MeterCommandState.Confirmed), (closed!.Decision.Action, closed.Decision.Reason, closed.Command!.State));
        Assert.True(sim.RelayClosed);
        await using var check = world.Database.CreateDbContext();
        var record = await check.RelayPolicyRecords.AsNoTracking().SingleAsync();
        Assert.Equal((RelayState.Closed, nameof(RelayReason.RechargeClose)), (record.Relay, record.LastReason));
        var notice = await check.TenantNotices.AsNoTracking().SingleAsync();
        Assert.Equal((tenantId, NoticeLevel.Level3, -10m, TenantNotice.PendingChannel), (notice.TenantId, notice.Level, notice.Balance, notice.Channel));
        var close = await check.MeterCommands.AsNoTracking().OrderBy(c => c.Id).LastAsync();
        Assert.Equal((MeterCommandKind.Close, RelayPolicy.RequestedBy), (close.Kind, close.RequestedBy));
        Assert.StartsWith("RechargeClose (balance 90.00 yuan)", close.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_OperatorTripFoundOnTheMeter_IsNeverClosedByTheBalance()
    {
        await using var world = await BillingWorld.CreateAsync();
        var bus = new InProcessMeterBus(world.Clock, new Random(1), new FaultCounts());
        int accountId;
        Meter meter;
        await using (var db = world.Database.CreateDbContext())
        {
            (_, accountId) = await world.AddAccountAsync(db, "E2");
            meter = await world.AddMeterAsync(db, accountId, MeterProfile.PrepaidThreePhase, BillingMode.Platform);
            var now = world.Clock.GetUtcNow();
            db.MeterCommands.Add(new MeterCommand
            {
                MeterId = meter.Id, Kind = MeterCommandKind.Trip, State = MeterCommandState.Confirmed, RequestedAt = now, CompletedAt = now,
                RequestedBy = "electrician", Reason = "Smoke in the shop", Attempts = 1,
            });
            db.MeterLiveStates.Add(new MeterLiveState { MeterId = meter.Id, Quality = ValueQuality.Good, LastGoodAt = now, UpdatedAt = now, SupplyOn = false });
            await db.SaveChangesAsync();
        }

        bus.Add(meter.Id, new SimulatedElectricityMeter(new SimulatedMeterSettings { Profile = MeterProfile.PrepaidThreePhase, InternalControl = false }, world.Clock));
        await world.Ledger.PostAsync(new LedgerPosting(accountId, LedgerEntryKind.OpeningBalance, 500m, "open:E2", "test"), default);
        var evaluator = new RelayPolicyEvaluator(world.Database, world.Ledger, new MeterCommandRunner(world.Database, new MeterCommandNotifier(TimeProvider.System, NullLogger<MeterCommandNotifier>.Instance), world.Clock, NullLogger<MeterCommandRunner>.Instance),
            new BusSubmitter(bus), new LoggingOperatorAlarmSink(NullLogger<LoggingOperatorAlarmSink>.Instance), Options.Create(new RelayPolicyOptions()), world.Clock,
            NullLogger<RelayPolicyEvaluator>.Instance);

        var result = await evaluator.EvaluateAsync(meter.Id, default);

        Assert.Equal((RelayDirective.None, RelayReason.OperatorTripHeld), (result!.Decision.Action, result.Decision.Reason));
        Assert.Equal(TripCause.Operator, result.Decision.Next.TripCause);
    }
}
