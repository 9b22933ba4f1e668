using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Prepaid.Acquisition.Drivers;
using Prepaid.App.Readings;
using Prepaid.App.Tests.Support;
using Prepaid.Domain.Metering;
using Prepaid.Domain.Model;
using Prepaid.Domain.Tariffs;

namespace Prepaid.App.Tests.Readings;

public sealed class ReadingProcessorTests
{
    // 2026-11-20 10:00 Shanghai time.
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 2, 0, 0, TimeSpan.Zero);

    private static MeterReading Electricity(DateTimeOffset at, decimal total, decimal flat = 0m, decimal peak = 0m, decimal kw = 1.5m) => new()
    {
        Profile = MeterProfile.PrepaidSinglePhase,
        Quality = ValueQuality.Good,
        SourceTime = at,
        RemainingYuan = 88.5m,
        PurchaseCount = 3,
        RelayClosed = [true],
        Electrical = new ElectricalValues
        {
            VoltagesV = [220m], CurrentsA = [6.8m], ActivePowersKw = [kw], TotalActivePowerKw = kw, TotalReactivePowerKvar = 0.1m,
            PowerFactors = [0.95m], TotalPowerFactor = 0.95m, PtRatio = 1, CtRatio = 1, TotalEnergyKwh = total, RegisterEnergyKwh = total,
            EnergyByRateKwh = new Dictionary<TouRate, decimal> { [TouRate.Sharp] = 0m, [TouRate.Peak] = peak, [TouRate.Flat] = flat, [TouRate.Valley] = 0m },
            OverPowerTripCount = 0,
        },
    };

    private static async Task<(TestDatabase Db, int Shop, int Water)> ArrangeAsync()
    {
        var db = await TestDatabase.CreateAsync(seedDemo: true);
        await using var ctx = db.CreateDbContext();
        var shop = await ctx.Meters.Where(m => m.Profile == MeterProfile.PrepaidSinglePhase).OrderBy(m => m.Id).Select(m => m.Id).FirstAsync();
        var water = await ctx.Meters.Where(m => m.Profile == MeterProfile.PrepaidWater).OrderBy(m => m.Id).Select(m => m.Id).FirstAsync();
        return (db, shop, water);
    }

    private static ReadingProcessor Processor(TestDatabase db) => new(db, new FakeTimeProvider(T0.AddHours(1)));

    [Fact]
    public async Task Process_FirstReading_StoresTheStateWithoutConsumption()
    {
        var (database, shop, _) = await ArrangeAsync();
        await using var _ = database;

        var result = await Processor(database).ProcessAsync([new(shop, Electricity(T0, 100m))], CancellationToken.None);

        await using var db = database.CreateDbContext();
        var state = await db.MeterLiveStates.SingleAsync(s => s.MeterId == shop);
        Assert.Equal((ValueQuality.Good, T0, 100m, 1.5m, 88.5m, true), (state.Quality, state.LastGoodAt!.Value, state.EnergyKwh!.Value, state.PowerKw!.Value, state.RemainingYuan!.Value, state.SupplyOn!.Value));
        Assert.Equal(0, await db.IntervalEnergies.CountAsync());
        Assert.Single(result.States);
    }

    [Fact]
    public async Task Process_DeltaAcrossTwoIntervals_SplitsByTimeWithTouRegisters()
    {
        var (database, shop, _) = await ArrangeAsync();
        await using var _ = database;
        var processor = Processor(database);

        await processor.ProcessAsync([new(shop, Electricity(T0.AddMinutes(5), 100m, flat: 40m, peak: 60m))], CancellationToken.None);
        await processor.ProcessAsync([new(shop, Electricity(T0.AddMinutes(25), 102m, flat: 40.5m, peak: 61.5m))], CancellationToken.None);

        await using var db = database.CreateDbContext();
        var rows = await db.IntervalEnergies.Where(i => i.MeterId == shop).OrderBy(i => i.IntervalStart).ToListAsync();
        // 10 of the 20 minutes fall in 02:00-02:15 UTC and 10 in 02:15-02:30.
        Assert.Equal([T0, T0.AddMinutes(15)], rows.Select(r => r.IntervalStart));
        Assert.Equal([1m, 1m], rows.Select(r => r.Total));
        Assert.Equal([0.25m, 0.25m], rows.Select(r => r.Flat));
        Assert.Equal([0.75m, 0.75m], rows.Select(r => r.Peak));
    }

    [Fact]
    public async Task Process_LaterBatchInTheSameInterval_AddsToTheRow()
    {
        var (database, shop, _) = await ArrangeAsync();
        await using var _ = database;
        var processor = Processor(database);

        await processor.ProcessAsync([new(shop, Electricity(T0.AddMinutes(1), 100m))], CancellationToken.None);
        await processor.ProcessAsync([new(shop, Electricity(T0.AddMinutes(2), 100.1m))], CancellationToken.None);
        await processor.ProcessAsync([new(shop, Electricity(T0.AddMinutes(3), 100.25m))], CancellationToken.None);

        await using var db = database.CreateDbContext();
        var row = await db.IntervalEnergies.SingleAsync(i => i.MeterId == shop);
        Assert.Equal(0.25m, row.Total);
    }

    [Fact]
    public async Task Process_SeveralReadingsOfOneMeterInABatch_AreTakenInSourceTimeOrder()
    {
        var (database, shop, _) = await ArrangeAsync();
        await using var _ = database;

        await Processor(database).ProcessAsync(
            [new(shop, Electricity(T0.AddMinutes(3), 100.3m)), new(shop, Electricity(T0.AddMinutes(1), 100m)), new(shop, Electricity(T0.AddMinutes(2), 100.1m))],
            CancellationToken.None);

        await using var db = database.CreateDbContext();
        Assert.Equal(0.3m, (await db.IntervalEnergies.SingleAsync(i => i.MeterId == shop)).Total);
        Assert.Equal(0, await db.MeterEvents.CountAsync());
    }

    [Theory]
    [InlineData("99.5", MeterEventKind.NegativeDelta)]
    [InlineData("400", MeterEventKind.AbsurdDelta)]
    public async Task Process_DeltaThatIsNotConsumption_IsAnEventNeverAnInterval(string next, MeterEventKind expected)
    {
        var (database, shop, _) = await ArrangeAsync();
        await using var _ = database;
        var processor = Processor(database);

        await processor.ProcessAsync([new(shop, Electricity(T0, 100m))], CancellationToken.None);
        await processor.ProcessAsync([new(shop, Electricity(T0.AddMinutes(1), decimal.Parse(next)))], CancellationToken.None);
        await processor.ProcessAsync([new(shop, Electricity(T0.AddMinutes(2), decimal.Parse(next) + 0.02m))], CancellationToken.None);

        await using var db = database.CreateDbContext();
        var evt = await db.MeterEvents.SingleAsync();
        Assert.Equal((AlarmSourceKind.Meter, shop, expected), (evt.SourceKind, evt.SourceId, evt.Kind));
        // The new value is the baseline: the next genuine consumption is counted from it.
        Assert.Equal(0.02m, (await db.IntervalEnergies.SingleAsync()).Total);
    }

    [Fact]
    public async Task Process_ReadingsLessThanAMinuteApart_KeepTheBaselineAndRaiseNoEvent()
    {
        var (database, shop, _) = await ArrangeAsync();
        await using var _ = database;
        var processor = Processor(database);

        await processor.ProcessAsync([new(shop, Electricity(T0, 100m))], CancellationToken.None);
        // Two counts half a second later (144 kW if judged over that window), then more within the minute.
        await processor.ProcessAsync([new(shop, Electricity(T0.AddMilliseconds(500), 100.02m, kw: 2m))], CancellationToken.None);
        await using (var mid = database.CreateDbContext())
        {
            var state = await mid.MeterLiveStates.SingleAsync(s => s.MeterId == shop);
            // The counter and its time stay the baseline; the instantaneous power moves on.
            Assert.Equal((T0, 100m, 2m), (state.LastGoodAt!.Value, state.EnergyKwh!.Value, state.PowerKw!.Value));
        }

        await processor.ProcessAsync([new(shop, Electricity(T0.AddSeconds(30), 100.3m))], CancellationToken.None);
        await processor.ProcessAsync([new(shop, Electricity(T0.AddSeconds(61), 100.5m))], CancellationToken.None);

        await using var db = database.CreateDbContext();
        Assert.Equal(0, await db.MeterEvents.CountAsync());
        Assert.Equal(0.5m, (await db.IntervalEnergies.SingleAsync(i => i.MeterId == shop)).Total);
        var after = await db.MeterLiveStates.SingleAsync(s => s.MeterId == shop);
        Assert.Equal((T0.AddSeconds(61), 100.5m), (after.LastGoodAt!.Value, after.EnergyKwh!.Value));
    }

    [Fact]
    public async Task Process_MeterSwapSeenWithinAMinute_IsAnEventOnceTheWindowIsReal()
    {
        var (database, shop, _) = await ArrangeAsync();
        await using var _ = database;
        var processor = Processor(database);

        await processor.ProcessAsync([new(shop, Electricity(T0, 100m))], CancellationToken.None);
        await processor.ProcessAsync([new(shop, Electricity(T0.AddSeconds(30), 5100m))], CancellationToken.None);
        await processor.ProcessAsync([new(shop, Electricity(T0.AddSeconds(61), 5100.01m))], CancellationToken.None);

        await using var db = database.CreateDbContext();
        var evt = await db.MeterEvents.SingleAsync();
        Assert.Equal(MeterEventKind.AbsurdDelta, evt.Kind);
        Assert.Equal(0, await db.IntervalEnergies.CountAsync(i => i.MeterId == shop));
    }

    [Fact]
    public async Task Process_CommunicationLost_KeepsTheLastGoodValues()
    {
        var (database, shop, _) = await ArrangeAsync();
        await using var _ = database;
        var processor = Processor(database);

        await processor.ProcessAsync([new(shop, Electricity(T0, 100m))], CancellationToken.None);
        await processor.ProcessAsync([new(shop, MeterReading.Failed(MeterProfile.PrepaidSinglePhase, ValueQuality.CommLost, T0.AddMinutes(1), "timeout"))], CancellationToken.None);

        await using var db = database.CreateDbContext();
        var state = await db.MeterLiveStates.SingleAsync(s => s.MeterId == shop);
        Assert.Equal((ValueQuality.CommLost, "timeout", T0, 100m), (state.Quality, state.LastError, state.LastGoodAt!.Value, state.EnergyKwh!.Value));
    }

    [Fact]
    public async Task Process_ReadingsAroundSiteMidnight_FreezeOnceEvenWhenReplayed()
    {
        var (database, shop, _) = await ArrangeAsync();
        await using var _ = database;
        var processor = Processor(database);
        // 23:55 and 00:05 in Shanghai are 15:55 and 16:05 UTC.
        var before = new DateTimeOffset(2026, 11, 30, 15, 55, 0, TimeSpan.Zero);

        await processor.ProcessAsync([new(shop, Electricity(before, 500m))], CancellationToken.None);
        await processor.ProcessAsync([new(shop, Electricity(before.AddMinutes(10), 501m))], CancellationToken.None);
        await processor.ProcessAsync([new(shop, Electricity(before.AddMinutes(10), 501m))], CancellationToken.None);

        await using var db = database.CreateDbContext();
        var freezes = await db.FreezeReadings.Where(f => f.MeterId == shop).OrderBy(f => f.Kind).ToListAsync();
        Assert.Equal([FreezeKind.Daily, FreezeKind.Monthly], freezes.Select(f => f.Kind));
        Assert.All(freezes, f => Assert.Equal((new DateOnly(2026, 12, 1), 500.5m), (f.Period, f.Value)));
    }

    [Fact]
    public async Task Process_WaterMeter_CountsVolumeAndValve()
    {
        var (database, _, water) = await ArrangeAsync();
        await using var _ = database;
        var processor = Processor(database);
        MeterReading Water(DateTimeOffset at, decimal m3, ValveState valve) => new()
        {
            Profile = MeterProfile.PrepaidWater, Quality = ValueQuality.Good, SourceTime = at, Water = new WaterValues(m3, 0.2m, valve),
        };

        await processor.ProcessAsync([new(water, Water(T0, 12.345m, ValveState.Open))], CancellationToken.None);
        await processor.ProcessAsync([new(water, Water(T0.AddMinutes(10), 12.5m, ValveState.Closed))], CancellationToken.None);

        await using var db = database.CreateDbContext();
        var state = await db.MeterLiveStates.SingleAsync(s => s.MeterId == water);
        Assert.Equal((12.5m, false), (state.VolumeM3!.Value, state.SupplyOn!.Value));
        Assert.Equal(0.155m, (await db.IntervalEnergies.SingleAsync(i => i.MeterId == water)).Total);
    }

    [Fact]
    public async Task Process_UnknownMeter_IsIgnored()
    {
        var (database, _, _) = await ArrangeAsync();
        await using var _ = database;

        var result = await Processor(database).ProcessAsync([new(999_999, Electricity(T0, 1m))], CancellationToken.None);

        Assert.Empty(result.States);
    }
}
