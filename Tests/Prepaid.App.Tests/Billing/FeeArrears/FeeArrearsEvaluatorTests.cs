using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Prepaid.Acquisition.Polling;
using Prepaid.Acquisition.Simulator;
using Prepaid.App.Billing.FeeArrears;
using Prepaid.App.Kernel.Commands;
using Prepaid.App.Kernel.Contracts;
using Prepaid.App.Kernel.Ledger;
using Prepaid.App.Tests.Billing.MeterBilling;
using Prepaid.Domain.Billing;
using Prepaid.Domain.Model;

namespace Prepaid.App.Tests.Billing.FeeArrears;

/// <summary>
/// Fees a meter-billed shop cannot cover: a notice starts the grace period, the shop's meters are tripped after it
/// through the journaled, read-back command path, and closed again once the fees are paid; keep power and money in
/// the meters hold the trip off. Simulated meters behind the real Modbus driver.
/// </summary>
public sealed class FeeArrearsEvaluatorTests
{
    private sealed record Shop(BillingWorld World, FeeArrearsEvaluator Evaluator, int AccountId, Meter Electricity, Meter Water,
        SimulatedElectricityMeter E, SimulatedWaterMeter W) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => World.DisposeAsync();
    }

    /// <summary>A shop whose electricity and water meters hold the given amounts (as read back now) and owes 156.82 of fees.</summary>
    private static async Task<Shop> ShopOwingFeesAsync(decimal electricityHolds, decimal waterHolds)
    {
        var world = await BillingWorld.CreateAsync();
        var bus = new InProcessMeterBus(world.Clock, new Random(1), new FaultCounts());
        Meter electricity, water;
        int accountId;
        await using (var db = world.Database.CreateDbContext())
        {
            (_, accountId) = await world.AddAccountAsync(db, "S42");
            electricity = await world.AddMeterAsync(db, accountId, MeterProfile.PrepaidSinglePhase, BillingMode.Meter, configure: m => m.Name = "E-S42");
            water = await world.AddMeterAsync(db, accountId, MeterProfile.PrepaidWater, BillingMode.Meter, configure: m => m.Name = "W-S42");
        }

        var e = new SimulatedElectricityMeter(new SimulatedMeterSettings { Profile = electricity.Profile, InitialBalance = electricityHolds, AlarmAmount1 = 0m, AlarmAmount2 = 0m }, world.Clock);
        var w = new SimulatedWaterMeter(new SimulatedMeterSettings { Profile = water.Profile, InitialBalance = waterHolds, AlarmAmount1 = 0m, AlarmAmount2 = 0m }, world.Clock);
        bus.Add(electricity.Id, e);
        bus.Add(water.Id, w);
        await ReadBackAsync(world, electricity.Id, electricityHolds);
        await ReadBackAsync(world, water.Id, waterHolds);
        await world.Ledger.PostAsync(new LedgerPosting(accountId, LedgerEntryKind.PropertyFee, -156.82m, "fee:S42:2026-12", "property-fee"), default);
        var runner = new MeterCommandRunner(world.Database, new MeterCommandNotifier(TimeProvider.System, NullLogger<MeterCommandNotifier>.Instance), world.Clock, NullLogger<MeterCommandRunner>.Instance);
        var evaluator = new FeeArrearsEvaluator(world.Database, runner, new BusSubmitter(bus), Options.Create(new FeeArrearsOptions()), world.Clock, NullLogger<FeeArrearsEvaluator>.Instance);
        return new Shop(world, evaluator, accountId, electricity, water, e, w);
    }

    /// <summary>What the poller would store: the meter's remaining amount, read now, supply on.</summary>
    private static async Task ReadBackAsync(BillingWorld world, int meterId, decimal remaining)
    {
        await using var db = world.Database.CreateDbContext();
        var now = world.Clock.GetUtcNow();
        var state = await db.MeterLiveStates.SingleOrDefaultAsync(s => s.MeterId == meterId);
        if (state is null)
        {
            state = new MeterLiveState { MeterId = meterId };
            db.MeterLiveStates.Add(state);
        }

        (state.Quality, state.UpdatedAt, state.LastGoodAt, state.RemainingYuan, state.SupplyOn) = (ValueQuality.Good, now, now, remaining, true);
        await db.SaveChangesAsync();
    }

    private static async Task<List<NoticeLevel>> NoticesAsync(Shop shop)
    {
        await using var db = shop.World.Database.CreateDbContext();
        return await db.TenantNotices.AsNoTracking().Where(n => n.AccountId == shop.AccountId).OrderBy(n => n.Id).Select(n => n.Level).ToListAsync();
    }

    private static IEnumerable<FeeArrearsState> States(IReadOnlyList<FeeArrearsMeterResult> results) => results.Select(r => r.Decision.State);

    [Fact]
    public async Task Evaluate_FeeTheMetersCannotCover_NoticeThenTripAfterTheGraceThenCloseWhenPaid()
    {
        await using var shop = await ShopOwingFeesAsync(61.58m, 10m);
        var clock = shop.World.Clock;

        var first = await shop.Evaluator.EvaluateAsync(shop.AccountId, default);
        clock.Advance(TimeSpan.FromDays(3) - TimeSpan.FromMinutes(1));
        var lastDayOfGrace = await shop.Evaluator.EvaluateAsync(shop.AccountId, default);

        // 61.58 + 10.00 in the meters against 156.82 owed: 85.24 short, so the grace period runs for three days.
        Assert.Equal([FeeArrearsState.Grace, FeeArrearsState.Grace], States(first));
        Assert.Equal([FeeArrearsState.Grace, FeeArrearsState.Grace], States(lastDayOfGrace));
        Assert.Equal([NoticeLevel.FeesOwed], await NoticesAsync(shop));
        Assert.True(shop.E.Supplying && shop.W.ValveOpen);

        clock.Advance(TimeSpan.FromMinutes(2));
        var tripped = await shop.Evaluator.EvaluateAsync(shop.AccountId, default);
        var remain = await shop.Evaluator.EvaluateAsync(shop.AccountId, default);

        Assert.Equal([FeeArrearsState.Trip, FeeArrearsState.Trip], States(tripped));
        Assert.All(tripped, r => Assert.Equal(MeterCommandState.Confirmed, r.Command!.State));
        Assert.False(shop.E.Supplying || shop.W.ValveOpen);
        Assert.Equal([FeeArrearsState.Remain, FeeArrearsState.Remain], States(remain));
        Assert.All(remain, r => Assert.Null(r.Command));
        Assert.Equal([NoticeLevel.FeesOwed, NoticeLevel.FeeTrip], await NoticesAsync(shop));
        await using (var db = shop.World.Database.CreateDbContext())
        {
            var journal = await db.MeterCommands.AsNoTracking().OrderBy(c => c.Id).ToListAsync();
            Assert.Equal([MeterCommandKind.Trip, MeterCommandKind.CloseValve], journal.Select(c => c.Kind));
            Assert.All(journal, c => Assert.Equal(FeeArrearsEvaluator.RequestedBy, c.RequestedBy));
            Assert.All(journal, c => Assert.StartsWith("FeeArrearsTrip (owed 156.82 yuan, available -85.24 yuan", c.Reason));
            Assert.All(await db.RelayPolicyRecords.AsNoTracking().ToListAsync(), r => Assert.Equal((RelayState.Open, TripCause.FeeArrears), (r.Relay, r.TripCause)));
        }

        await shop.World.RechargeAsync(shop.AccountId, 156.82m, "order:S42-fees");
        var released = await shop.Evaluator.EvaluateAsync(shop.AccountId, default);

        Assert.Equal([FeeArrearsState.Release, FeeArrearsState.Release], States(released));
        Assert.True(shop.E.Supplying && shop.W.ValveOpen);
        Assert.Equal([NoticeLevel.FeesOwed, NoticeLevel.FeeTrip, NoticeLevel.FeeRestored], await NoticesAsync(shop));
        Assert.Equal([FeeArrearsState.Clear, FeeArrearsState.Clear], States(await shop.Evaluator.EvaluateAsync(shop.AccountId, default)));
    }

    [Fact]
    public async Task Evaluate_MetersHoldMoreThanIsOwed_NoNoticeAndNoTrip()
    {
        await using var shop = await ShopOwingFeesAsync(150m, 10m);
        shop.World.Clock.Advance(TimeSpan.FromDays(10));

        var results = await shop.Evaluator.EvaluateAsync(shop.AccountId, default);

        Assert.Equal([FeeArrearsState.Covered, FeeArrearsState.Covered], States(results));
        Assert.Empty(await NoticesAsync(shop));
        Assert.True(shop.E.Supplying && shop.W.ValveOpen);
    }

    [Fact]
    public async Task Evaluate_MetersStopCoveringTheFeeLater_GraceCountsFromThatDaysNotice()
    {
        await using var shop = await ShopOwingFeesAsync(150m, 10m);
        Assert.Equal([FeeArrearsState.Covered, FeeArrearsState.Covered], States(await shop.Evaluator.EvaluateAsync(shop.AccountId, default)));
        shop.World.Clock.Advance(TimeSpan.FromDays(10));
        await ReadBackAsync(shop.World, shop.Electricity.Id, 40m);

        var uncovered = await shop.Evaluator.EvaluateAsync(shop.AccountId, default);
        shop.World.Clock.Advance(TimeSpan.FromDays(3));
        var afterGrace = await shop.Evaluator.EvaluateAsync(shop.AccountId, default);

        // Ten days after the fee, but the shop was told only today: it keeps its supply for the whole grace period.
        Assert.Equal([FeeArrearsState.Grace, FeeArrearsState.Grace], States(uncovered));
        Assert.Equal(shop.World.Clock.GetUtcNow(), uncovered[0].Decision.GraceUntil);
        Assert.Equal([FeeArrearsState.Trip, FeeArrearsState.Trip], States(afterGrace));
    }

    [Fact]
    public async Task Evaluate_KeepPowerOnTheElectricityMeter_OnlyTheWaterValveCloses()
    {
        await using var shop = await ShopOwingFeesAsync(1m, 1m);
        await using (var db = shop.World.Database.CreateDbContext())
        {
            var now = shop.World.Clock.GetUtcNow();
            db.KeepPowerPeriods.Add(new KeepPowerPeriod { MeterId = shop.Electricity.Id, GrantedBy = "manager", Reason = "Cold store", GrantedAt = now, ExpiresAt = now.AddDays(7) });
            await db.SaveChangesAsync();
        }

        await shop.Evaluator.EvaluateAsync(shop.AccountId, default);
        shop.World.Clock.Advance(TimeSpan.FromDays(4));
        var results = await shop.Evaluator.EvaluateAsync(shop.AccountId, default);

        Assert.Equal([FeeArrearsState.HeldByKeepPower, FeeArrearsState.Trip], States(results));
        Assert.True(shop.E.Supplying);
        Assert.False(shop.W.ValveOpen);
    }
}
