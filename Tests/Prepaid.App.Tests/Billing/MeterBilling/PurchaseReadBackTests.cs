using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Prepaid.Acquisition.Drivers;
using Prepaid.Acquisition.Polling;
using Prepaid.Acquisition.Simulator;
using Prepaid.App.Billing.MeterBilling;
using Prepaid.App.Kernel.Commands;
using Prepaid.App.Kernel.Contracts;
using Prepaid.App.Kernel.Live;
using Prepaid.App.Readings;
using Prepaid.Domain.Model;
using Prepaid.Domain.Tariffs;

namespace Prepaid.App.Tests.Billing.MeterBilling;

/// <summary>
/// A confirmed purchase's read-back reaches the meter's live state in the transaction that marks its part delivered,
/// so no crash and no late reading can show the balance from before a purchase the platform counts as delivered.
/// </summary>
public sealed class PurchaseReadBackTests
{
    private sealed class NoAlarms : IOperatorAlarmSink
    {
        public Task RaiseAsync(OperatorAlarmRaised alarm, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed record Bed(BillingWorld World, InProcessMeterBus Bus, LiveStateCache Cache, int MeterId, SimulatedMeter Meter) : IAsyncDisposable
    {
        /// <summary>A delivery service as a fresh process would build it.</summary>
        public RechargeDeliveryService Deliveries()
        {
            var runner = new MeterCommandRunner(World.Database, new MeterCommandNotifier(TimeProvider.System, NullLogger<MeterCommandNotifier>.Instance),
                World.Clock, NullLogger<MeterCommandRunner>.Instance);
            return new RechargeDeliveryService(World.Database, World.Ledger, runner, new BusSubmitter(Bus), new NoAlarms(),
                Options.Create(new MeterBillingOptions()), World.Clock, NullLogger<RechargeDeliveryService>.Instance, Cache);
        }

        public async Task<MeterLiveState> LiveAsync()
        {
            await using var db = World.Database.CreateDbContext();
            return await db.MeterLiveStates.AsNoTracking().SingleAsync(s => s.MeterId == MeterId);
        }

        public ValueTask DisposeAsync() => World.DisposeAsync();
    }

    /// <summary>An account with one meter-billing electricity meter holding 10 yuan (purchase count 0), last read five minutes ago.</summary>
    private static async Task<Bed> CreateAsync(string unit)
    {
        var world = await BillingWorld.CreateAsync();
        var bus = new InProcessMeterBus(world.Clock, new Random(1), new FaultCounts());
        var now = world.Clock.GetUtcNow();
        await using var db = world.Database.CreateDbContext();
        var flat = await world.AddTariffAsync(db, TariffPlanExamples.FlatElectricity2026());
        var (_, accountId) = await world.AddAccountAsync(db, unit);
        var meter = await world.AddMeterAsync(db, accountId, MeterProfile.PrepaidSinglePhase, BillingMode.Meter, flat);
        var simulated = new SimulatedElectricityMeter(
            new SimulatedMeterSettings { Profile = meter.Profile, InitialBalance = 10m, AlarmAmount1 = 0m, AlarmAmount2 = 0m }, world.Clock);
        bus.Add(meter.Id, simulated);
        db.MeterLiveStates.Add(new MeterLiveState
        {
            MeterId = meter.Id, Quality = ValueQuality.Good, UpdatedAt = now.AddMinutes(-5), LastGoodAt = now.AddMinutes(-5),
            RemainingYuan = 10m, PurchaseCount = 0, EnergyKwh = 500m, SupplyOn = true,
        });
        await db.SaveChangesAsync();
        var cache = new LiveStateCache(world.Database, new LiveStateNotifier(TimeProvider.System, NullLogger<LiveStateNotifier>.Instance));
        return new Bed(world, bus, cache, meter.Id, simulated);
    }

    [Fact]
    public async Task DeliverMeter_PurchaseConfirmed_LiveStateShowsTheReadBackInTheTransactionThatMarksThePartDelivered()
    {
        await using var bed = await CreateAsync("R1");
        var accountId = await AccountOfAsync(bed);
        await bed.World.RechargeAsync(accountId, 100m, "order:R1-1");
        var deliveries = bed.Deliveries();
        (RechargeDeliveryState Part, int? Count, decimal? Remaining)? seenWhenMarked = null;
        // The moment right after the part's transaction committed: a crash here must already find the new balance.
        deliveries.AfterPartMarked = _ =>
        {
            using var db = bed.World.Database.CreateDbContext();
            var part = db.RechargeDeliveries.AsNoTracking().Single(d => d.MeterId == bed.MeterId);
            var state = db.MeterLiveStates.AsNoTracking().Single(s => s.MeterId == bed.MeterId);
            seenWhenMarked = (part.State, state.PurchaseCount, state.RemainingYuan);
        };

        Assert.Equal(1, await deliveries.ScanAsync(default));

        Assert.Equal((RechargeDeliveryState.Delivered, (int?)1, (decimal?)110m), seenWhenMarked);
        Assert.Equal((1, 110m), (bed.Meter.PurchaseCount, bed.Meter.Remaining));
        var cached = await bed.Cache.GetAsync(bed.MeterId, default);
        Assert.Equal(110m, cached!.RemainingYuan);
    }

    [Fact]
    public async Task DeliverMeter_CrashAfterTheMeterConfirmedBeforeThePartWasMarked_NextProcessMarksItWithTheStoredReadBackAndSendsNothing()
    {
        await using var bed = await CreateAsync("R2");
        var accountId = await AccountOfAsync(bed);
        await bed.World.RechargeAsync(accountId, 80m, "order:R2-1");
        var crashing = bed.Deliveries();
        var crashes = 0;
        crashing.AfterCommand = _ =>
        {
            crashes++;
            throw new InvalidOperationException("kill -9");
        };

        Assert.Equal(0, await crashing.ScanAsync(default));
        Assert.Equal(1, crashes);
        var before = await bed.LiveAsync();
        await using (var db = bed.World.Database.CreateDbContext())
        {
            Assert.Equal(RechargeDeliveryState.Pending, (await db.RechargeDeliveries.AsNoTracking().SingleAsync(d => d.MeterId == bed.MeterId)).State);
        }

        Assert.Equal(1, await bed.Deliveries().ScanAsync(default));

        var after = await bed.LiveAsync();
        Assert.Equal(((int?)0, (decimal?)10m), (before.PurchaseCount, before.RemainingYuan));
        Assert.Equal(((int?)1, (decimal?)90m), (after.PurchaseCount, after.RemainingYuan));
        Assert.Equal(1, bed.Meter.PurchaseCount);
    }

    [Fact]
    public async Task Process_ReadingTakenBeforeADeliveredPurchaseArrivesLate_KeepsTheReadBackBalanceAndTakesTheEnergy()
    {
        await using var bed = await CreateAsync("R3");
        var accountId = await AccountOfAsync(bed);
        var polledAt = bed.World.Clock.GetUtcNow().AddSeconds(-1);
        await bed.World.RechargeAsync(accountId, 100m, "order:R3-1");
        await bed.Deliveries().ScanAsync(default);

        // Polled before the purchase, processed after its read-back was written.
        await new ReadingProcessor(bed.World.Database, bed.World.Clock).ProcessAsync([new(bed.MeterId, Reading(polledAt, 500.05m, count: 0, remaining: 9.5m))], default);

        var state = await bed.LiveAsync();
        Assert.Equal(((int?)1, (decimal?)110m, (decimal?)500.05m), (state.PurchaseCount, state.RemainingYuan, state.EnergyKwh));
    }

    [Fact]
    public async Task Process_ReadingAfterThePurchase_ReplacesTheReadBack()
    {
        await using var bed = await CreateAsync("R4");
        var accountId = await AccountOfAsync(bed);
        await bed.World.RechargeAsync(accountId, 100m, "order:R4-1");
        await bed.Deliveries().ScanAsync(default);
        var later = (await bed.LiveAsync()).UpdatedAt.AddSeconds(5);

        await new ReadingProcessor(bed.World.Database, bed.World.Clock).ProcessAsync([new(bed.MeterId, Reading(later, 500.05m, count: 1, remaining: 109.2m))], default);

        var state = await bed.LiveAsync();
        Assert.Equal(((int?)1, (decimal?)109.2m), (state.PurchaseCount, state.RemainingYuan));
    }

    [Fact]
    public async Task Process_CountFarBehindTheState_IsASwappedMeterAndIsTaken()
    {
        await using var bed = await CreateAsync("R5");
        var readAt = bed.World.Clock.GetUtcNow().AddMinutes(-2);
        await using (var db = bed.World.Database.CreateDbContext())
        {
            await db.MeterLiveStates.Where(s => s.MeterId == bed.MeterId).ExecuteUpdateAsync(u => u.SetProperty(s => s.PurchaseCount, 200));
        }

        await new ReadingProcessor(bed.World.Database, bed.World.Clock).ProcessAsync([new(bed.MeterId, Reading(readAt, 500.05m, count: 3, remaining: 40m))], default);

        var state = await bed.LiveAsync();
        Assert.Equal(((int?)3, (decimal?)40m), (state.PurchaseCount, state.RemainingYuan));
    }

    private static async Task<int> AccountOfAsync(Bed bed)
    {
        await using var db = bed.World.Database.CreateDbContext();
        return await db.Meters.Where(m => m.Id == bed.MeterId).Select(m => m.AccountId!.Value).SingleAsync();
    }

    private static MeterReading Reading(DateTimeOffset at, decimal total, int count, decimal remaining) => new()
    {
        Profile = MeterProfile.PrepaidSinglePhase,
        Quality = ValueQuality.Good,
        SourceTime = at,
        RemainingYuan = remaining,
        PurchaseCount = count,
        RelayClosed = [true],
        Electrical = new ElectricalValues
        {
            VoltagesV = [220m], CurrentsA = [2m], ActivePowersKw = [0.4m], TotalActivePowerKw = 0.4m, TotalReactivePowerKvar = 0m,
            PowerFactors = [0.95m], TotalPowerFactor = 0.95m, PtRatio = 1, CtRatio = 1, TotalEnergyKwh = total, RegisterEnergyKwh = total,
            EnergyByRateKwh = new Dictionary<TouRate, decimal> { [TouRate.Sharp] = 0m, [TouRate.Peak] = 0m, [TouRate.Flat] = total, [TouRate.Valley] = 0m },
            OverPowerTripCount = 0,
        },
    };
}
