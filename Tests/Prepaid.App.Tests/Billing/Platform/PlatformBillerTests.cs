using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Prepaid.App.Billing.Platform;
using Prepaid.App.Tests.Billing.MeterBilling;
using Prepaid.Domain.Model;
using Prepaid.Domain.Tariffs;

namespace Prepaid.App.Tests.Billing.Platform;

/// <summary>
/// Golden cases of platform billing through the tariff engine, each checked against a hand computation (site zone
/// Asia/Shanghai, UTC+8), plus the closed-interval rule and idempotent catch-up.
/// </summary>
public sealed class PlatformBillerTests
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    /// <summary>Valley until 08:05, peak until 22:00: the interval 08:00-08:15 crosses a TOU edge.</summary>
    private static TariffPlan EdgePlan() => new()
    {
        Name = "Edge at 08:05",
        Commodity = Commodity.Electricity,
        ValidFrom = new DateOnly(2026, 1, 1),
        Kind = PricingKind.Tou,
        Tou = new TouSchedule
        {
            Rates = [new RatePrice { Rate = TouRate.Peak, Price = 1.15m }, new RatePrice { Rate = TouRate.Valley, Price = 0.35m }],
            DaySchedules =
            [
                new DaySchedule
                {
                    Name = "day",
                    Segments =
                    [
                        new TouSegment { Start = new TimeOnly(0, 0), Rate = TouRate.Valley },
                        new TouSegment { Start = new TimeOnly(8, 5), Rate = TouRate.Peak },
                        new TouSegment { Start = new TimeOnly(22, 0), Rate = TouRate.Valley },
                    ],
                },
            ],
        },
    };

    private static async Task<(BillingWorld World, PlatformBiller Biller, int AccountId, int MeterId)> ArrangeAsync(
        TariffPlan plan, MeterProfile profile, DateTimeOffset openedAt, params (DateTimeOffset LocalStart, decimal Quantity)[] intervals)
    {
        var world = await BillingWorld.CreateAsync(intervals.Max(i => i.LocalStart).ToUniversalTime() + TimeSpan.FromHours(1));
        await using var db = world.Database.CreateDbContext();
        var tariffId = await world.AddTariffAsync(db, plan);
        var (_, accountId) = await world.AddAccountAsync(db, "P1", a => a.OpenedAt = openedAt);
        var meter = await world.AddMeterAsync(db, accountId, profile, BillingMode.Platform, tariffId);
        await world.Ledger.PostAsync(new Prepaid.App.Kernel.Ledger.LedgerPosting(accountId, LedgerEntryKind.OpeningBalance, 1000m, "open:P1", "test"), default);
        db.IntervalEnergies.AddRange(intervals.Select(i => new IntervalEnergy { MeterId = meter.Id, IntervalStart = i.LocalStart.ToUniversalTime(), Total = i.Quantity }));
        db.MeterLiveStates.Add(new MeterLiveState { MeterId = meter.Id, Quality = ValueQuality.Good, LastGoodAt = world.Clock.GetUtcNow(), UpdatedAt = world.Clock.GetUtcNow() });
        await db.SaveChangesAsync();
        var biller = new PlatformBiller(world.Database, world.Ledger, Options.Create(new PlatformBillingOptions()), NullLogger<PlatformBiller>.Instance);
        return (world, biller, accountId, meter.Id);
    }

    private static async Task<List<LedgerEntry>> ChargesAsync(BillingWorld world, int accountId)
    {
        await using var db = world.Database.CreateDbContext();
        return await db.LedgerEntries.AsNoTracking().Where(e => e.AccountId == accountId && e.Kind != LedgerEntryKind.OpeningBalance).OrderBy(e => e.Id).ToListAsync();
    }

    [Fact]
    public async Task Bill_IntervalCrossingATouEdge_SplitsByTime()
    {
        // 08:00-08:15 with 3 kWh: 5 min valley = 1 kWh x 0.35 = 0.35; 10 min peak = 2 kWh x 1.15 = 2.30; total 2.65.
        var start = new DateTimeOffset(2026, 11, 10, 8, 0, 0, Cst);
        var (world, biller, accountId, meterId) = await ArrangeAsync(EdgePlan(), MeterProfile.PrepaidThreePhase, start.AddDays(-1), (start, 3m));
        await using var _ = world;

        await biller.BillAsync(default);

        var charge = Assert.Single(await ChargesAsync(world, accountId));
        Assert.Equal((LedgerEntryKind.EnergyCharge, -2.65m), (charge.Kind, charge.Amount));
        Assert.Equal(PlatformBiller.KeyFor(meterId, start), charge.IdempotencyKey);
        Assert.Equal("interval-charge:" + meterId + ":2026-11-10T00:00Z", charge.IdempotencyKey);
        Assert.Equal(start.AddMinutes(15), charge.OccurredAt);
    }

    [Fact]
    public async Task Bill_TierThresholdInsideOneInterval_SplitsAtTheThreshold()
    {
        // Water: 29 m3 (29 x 4.20 = 121.80), then 3 m3 crossing 30: 1 x 4.20 + 2 x 5.60 = 15.40.
        var first = new DateTimeOffset(2026, 11, 10, 9, 0, 0, Cst);
        var (world, biller, accountId, _) = await ArrangeAsync(TariffPlanExamples.WaterTiered2026(), MeterProfile.PrepaidWater, first.AddDays(-1),
            (first, 29m), (first.AddMinutes(15), 3m));
        await using var _w = world;

        await biller.BillAsync(default);

        var charges = await ChargesAsync(world, accountId);
        Assert.Equal([-121.80m, -15.40m], charges.Select(c => c.Amount));
        Assert.All(charges, c => Assert.Equal(LedgerEntryKind.WaterCharge, c.Kind));
    }

    [Fact]
    public async Task Bill_MonthChange_RestartsTheTiers()
    {
        // 31 Oct 23:45 local: 29 m3 -> 121.80; 1 Nov 00:00 local: a new month, 3 m3 all in tier 1 -> 12.60.
        var last = new DateTimeOffset(2026, 10, 31, 23, 45, 0, Cst);
        var (world, biller, accountId, _) = await ArrangeAsync(TariffPlanExamples.WaterTiered2026(), MeterProfile.PrepaidWater, last.AddDays(-1),
            (last, 29m), (last.AddMinutes(15), 3m));
        await using var _w = world;

        await biller.BillAsync(default);

        Assert.Equal([-121.80m, -12.60m], (await ChargesAsync(world, accountId)).Select(c => c.Amount));
    }

    [Fact]
    public async Task Bill_NewCursor_TakesTheMonthsEarlierConsumptionAsTierUsage()
    {
        // The account opened after 29 m3 were already used this month: only the second interval is charged, and it
        // crosses the threshold: 1 x 4.20 + 2 x 5.60 = 15.40.
        var first = new DateTimeOffset(2026, 11, 10, 9, 0, 0, Cst);
        var (world, biller, accountId, _) = await ArrangeAsync(TariffPlanExamples.WaterTiered2026(), MeterProfile.PrepaidWater, first.AddMinutes(10),
            (first, 29m), (first.AddMinutes(15), 3m));
        await using var _w = world;

        await biller.BillAsync(default);

        Assert.Equal([-15.40m], (await ChargesAsync(world, accountId)).Select(c => c.Amount));
    }

    [Fact]
    public async Task Bill_LineItemAmount_IsRoundedHalfAwayFromZeroToTheLedgersFourDecimals()
    {
        // Flat 0.85: 0.0333 kWh x 0.85 = 0.028305 -> 0.0283; 0.0003 kWh x 0.85 = 0.000255 -> 0.0003 (half away from zero).
        var first = new DateTimeOffset(2026, 11, 10, 9, 0, 0, Cst);
        var (world, biller, accountId, _) = await ArrangeAsync(TariffPlanExamples.FlatElectricity2026(), MeterProfile.PrepaidSinglePhase, first.AddDays(-1),
            (first, 0.0333m), (first.AddMinutes(15), 0.0003m));
        await using var _w = world;

        await biller.BillAsync(default);

        Assert.Equal([-0.0283m, -0.0003m], (await ChargesAsync(world, accountId)).Select(c => c.Amount));
    }

    [Fact]
    public async Task Bill_IntervalNotYetClosed_WaitsForAReadingAfterItsEnd()
    {
        var first = new DateTimeOffset(2026, 11, 10, 9, 0, 0, Cst);
        var (world, biller, accountId, meterId) = await ArrangeAsync(TariffPlanExamples.FlatElectricity2026(), MeterProfile.PrepaidSinglePhase, first.AddDays(-1),
            (first, 1m), (first.AddMinutes(15), 2m));
        await using var _w = world;
        await using (var db = world.Database.CreateDbContext())
        {
            // The last good reading is inside the second interval: it may still grow.
            await db.MeterLiveStates.Where(s => s.MeterId == meterId).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastGoodAt, first.AddMinutes(20)));
        }

        await biller.BillAsync(default);
        Assert.Equal([-0.85m], (await ChargesAsync(world, accountId)).Select(c => c.Amount));

        await using (var db = world.Database.CreateDbContext())
        {
            await db.MeterLiveStates.Where(s => s.MeterId == meterId).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastGoodAt, first.AddMinutes(30)));
        }

        await biller.BillAsync(default);
        Assert.Equal([-0.85m, -1.70m], (await ChargesAsync(world, accountId)).Select(c => c.Amount));
    }

    [Fact]
    public async Task Bill_RunAgainOrCursorLost_PostsNothingTwice()
    {
        var first = new DateTimeOffset(2026, 11, 10, 9, 0, 0, Cst);
        var (world, biller, accountId, meterId) = await ArrangeAsync(TariffPlanExamples.WaterTiered2026(), MeterProfile.PrepaidWater, first.AddDays(-1),
            (first, 29m), (first.AddMinutes(15), 3m), (first.AddMinutes(30), 1m));
        await using var _w = world;
        var once = await biller.BillAsync(default);

        var again = await biller.BillAsync(default);
        await using (var db = world.Database.CreateDbContext())
        {
            // As after a crash between the entries and the cursor: everything is priced again, identically.
            await db.PlatformBillingCursors.Where(c => c.MeterId == meterId).ExecuteDeleteAsync();
        }

        var afterLoss = await biller.BillAsync(default);

        Assert.Equal((3, 3), (once.IntervalsCharged, once.EntriesPosted));
        Assert.Equal(0, again.IntervalsCharged);
        Assert.Equal((3, 0), (afterLoss.IntervalsCharged, afterLoss.EntriesPosted));
        Assert.Equal([-121.80m, -15.40m, -5.60m], (await ChargesAsync(world, accountId)).Select(c => c.Amount));
    }

    [Fact]
    public async Task Bill_OneIntervalRefusedByTheLedger_NoChargeAndNoCursorForThatRun()
    {
        var first = new DateTimeOffset(2026, 11, 10, 9, 0, 0, Cst);
        var (world, biller, accountId, meterId) = await ArrangeAsync(TariffPlanExamples.WaterTiered2026(), MeterProfile.PrepaidWater, first.AddDays(-1),
            (first, 29m), (first.AddMinutes(15), 3m), (first.AddMinutes(30), 1m));
        await using var _w = world;
        // Another entry already holds the second interval's key: the ledger refuses it, so the whole run of the meter.
        await world.Ledger.PostAsync(new Prepaid.App.Kernel.Ledger.LedgerPosting(accountId, LedgerEntryKind.WaterCharge, -1m,
            PlatformBiller.KeyFor(meterId, first.AddMinutes(15)), "test"), default);

        var run = await biller.BillAsync(default);

        Assert.Equal((1, 0, 0), (run.MetersFailed, run.IntervalsCharged, run.EntriesPosted));
        Assert.Equal([-1m], (await ChargesAsync(world, accountId)).Select(c => c.Amount));
        await using var db = world.Database.CreateDbContext();
        Assert.False(await db.PlatformBillingCursors.AnyAsync(c => c.MeterId == meterId));
    }
}
