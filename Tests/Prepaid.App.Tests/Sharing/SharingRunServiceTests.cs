using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Prepaid.App.Persistence.Entities;
using Prepaid.App.Sharing;
using Prepaid.Domain.Billing;
using Prepaid.Domain.Model;

namespace Prepaid.App.Tests.Sharing;

public sealed class SharingRunServiceTests
{
    private static readonly BillingMonth November = new(2026, 11);

    // November 2026 in Asia/Shanghai runs from 2026-10-31 16:00 UTC to 2026-11-30 16:00 UTC.
    private static readonly DateTimeOffset NovemberStart = new(2026, 10, 31, 16, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset DecemberStart = new(2026, 11, 30, 16, 0, 0, TimeSpan.Zero);

    private static SharingRunService Service(SmallMall mall) => new(
        mall.Bed.Database, mall.Bed.Ledger, new PublicAreaPoolPricer(mall.Bed.Database), Options.Create(new SharingOptions()), mall.Bed.Clock,
        NullLogger<SharingRunService>.Instance);

    /// <summary>P1: 100 + 200 kWh in November, plus rows just outside it; P2: 41.18 kWh in November's first interval.
    /// Priced at 0.85: 85.0000 + 170.0000 + 35.0030 = 290.0030 -> pool 290.00.</summary>
    private static async Task<SmallMall> PooledMallAsync()
    {
        var mall = await SmallMall.CreateAsync();
        await mall.IntervalsAsync(
            (mall.P1, NovemberStart.AddMinutes(-15), 999m),
            (mall.P1, NovemberStart.AddDays(3), 100m),
            (mall.P1, NovemberStart.AddDays(20).AddHours(5), 200m),
            (mall.P2, NovemberStart, 41.18m),
            (mall.P1, DecemberStart, 500m));
        return mall;
    }

    private static async Task<int> RuleAsync(SmallMall mall, SharingKey key, decimal lossRate, params decimal[] values)
    {
        await using var db = mall.Bed.Database.CreateDbContext();
        var rule = new SharingRule
        {
            SiteId = mall.SiteId, Name = "Public", Key = key, LossAllowanceRate = lossRate, EffectiveFrom = November.FirstDay, UpdatedBy = "test",
            Tenants = [.. mall.TenantIds.Select((t, i) => new SharingRuleTenant { TenantId = t, KeyValue = values.Length > i ? values[i] : 0m })],
            Meters = [new SharingRuleMeter { MeterId = mall.P1 }, new SharingRuleMeter { MeterId = mall.P2 }],
        };
        db.SharingRules.Add(rule);
        await db.SaveChangesAsync();
        return rule.Id;
    }

    private static async Task<List<LedgerEntry>> SharesAsync(SmallMall mall)
    {
        await using var db = mall.Bed.Database.CreateDbContext();
        return await db.LedgerEntries.AsNoTracking().Where(e => e.Kind == LedgerEntryKind.PublicAreaShare).OrderBy(e => e.AccountId).ToListAsync();
    }

    [Fact]
    public async Task RunMonth_FixedRatio_PartsSumExactlyToTheNetPool()
    {
        var mall = await PooledMallAsync();
        await using var _ = mall.Bed;
        var ruleId = await RuleAsync(mall, SharingKey.FixedRatio, 0.02m, 0.3333m, 0.3333m, 0.3334m);
        FeeClock(mall, DecemberStart.AddMinutes(20));

        var run = await Service(mall).RunMonthAsync(ruleId, November, default);

        // Loss allowance 2 % of 290.00 = 5.80, net 284.20. Exact parts 94.72386, 94.72386, 94.75228: floors 94.72, 94.72,
        // 94.75 leave one fen for the largest dropped fraction, 0.386 fen twice: the tie goes to the smaller tenant id.
        Assert.Equal((341.18m, 290.00m, 5.80m, 284.20m, 284.20m, 0m), (run.PoolQuantity, run.Pool, run.LossAllowance, run.NetPool, run.Allocated, run.Unallocated));
        Assert.Equal([300m, 41.18m], run.Meters.OrderBy(m => m.MeterId).Select(m => m.Quantity));
        Assert.Equal([255.0000m, 35.0030m], run.Meters.OrderBy(m => m.MeterId).Select(m => m.Amount));
        var shares = await SharesAsync(mall);
        Assert.Equal([-94.73m, -94.72m, -94.75m], shares.Select(e => e.Amount));
        Assert.Equal(-run.NetPool, shares.Sum(e => e.Amount));
        Assert.Equal($"public-area-share:{ruleId}:2026-11:{mall.TenantIds[2]}", shares[2].IdempotencyKey);
        await using var db = mall.Bed.Database.CreateDbContext();
        var stored = await db.SharingRunParts.AsNoTracking().OrderBy(p => p.TenantId).ToListAsync();
        Assert.Equal([94.72386m, 94.72386m, 94.75228m], stored.Select(p => p.ExactAmount));
        Assert.Equal([0.3333m, 0.3333m, 0.3334m], stored.Select(p => p.Share));
        Assert.All(stored, p => Assert.NotNull(p.PostedAt));
    }

    [Fact]
    public async Task RunMonth_LeasedAreaThirds_StoresEightDecimalSharesAndGivesTheFenToTheLargerKey()
    {
        var mall = await PooledMallAsync();
        await using var _ = mall.Bed;
        await using (var db = mall.Bed.Database.CreateDbContext())
        {
            var areas = new[] { 50m, 50m, 50.0001m };
            foreach (var (id, area) in mall.TenantIds.Zip(areas))
            {
                (await db.Tenants.SingleAsync(t => t.Id == id)).LeasedAreaM2 = area;
            }

            await db.SaveChangesAsync();
        }

        var ruleId = await RuleAsync(mall, SharingKey.LeasedArea, 0m);
        FeeClock(mall, DecemberStart.AddMinutes(20));

        var run = await Service(mall).RunMonthAsync(ruleId, November, default);

        // 290.00 / 3 = 96.666..: floors 96.66 x 3 = 289.98; two fen go to the largest remainders, the larger area first.
        var parts = run.Parts.OrderBy(p => p.TenantId).ToList();
        Assert.Equal([96.66m, 96.67m, 96.67m], parts.Select(p => p.Amount).Order());
        Assert.Equal(96.67m, parts[2].Amount);
        Assert.Equal(290.00m, parts.Sum(p => p.Amount));
        await using var check = mall.Bed.Database.CreateDbContext();
        var shares = await check.SharingRunParts.AsNoTracking().OrderBy(p => p.TenantId).Select(p => p.Share).ToListAsync();
        Assert.Equal([0.33333311m, 0.33333311m, 0.33333378m], shares);
    }

    [Fact]
    public async Task RunMonth_ConsumptionKey_UsesTheShopsOwnMonthConsumption()
    {
        var mall = await PooledMallAsync();
        await using var _ = mall.Bed;
        await mall.IntervalsAsync((mall.M1, NovemberStart.AddDays(1), 10m), (mall.M2, NovemberStart.AddDays(2), 30m), (mall.M3, DecemberStart, 70m));
        var ruleId = await RuleAsync(mall, SharingKey.Consumption, 0m);
        FeeClock(mall, DecemberStart.AddMinutes(20));

        var run = await Service(mall).RunMonthAsync(ruleId, November, default);

        var parts = run.Parts.OrderBy(p => p.TenantId).ToList();
        Assert.Equal([10m, 30m, 0m], parts.Select(p => p.KeyValue));
        Assert.Equal([72.50m, 217.50m, 0m], parts.Select(p => p.Amount));
        Assert.Equal(2, (await SharesAsync(mall)).Count);
    }

    [Fact]
    public async Task RunMonth_FixedFee_ChargesTheFeesAndReportsTheRestAsUnallocated()
    {
        var mall = await PooledMallAsync();
        await using var _ = mall.Bed;
        var ruleId = await RuleAsync(mall, SharingKey.FixedFee, 0m, 50m, 60.5m, 70m);
        FeeClock(mall, DecemberStart.AddMinutes(20));

        var run = await Service(mall).RunMonthAsync(ruleId, November, default);

        Assert.Equal((180.50m, 109.50m), (run.Allocated, run.Unallocated));
        Assert.Equal([-50m, -60.5m, -70m], (await SharesAsync(mall)).Select(e => e.Amount));
    }

    [Fact]
    public async Task RunDue_SecondRunAndRestart_ChangeNothing()
    {
        var mall = await PooledMallAsync();
        await using var _ = mall.Bed;
        await RuleAsync(mall, SharingKey.FixedRatio, 0.02m, 0.3333m, 0.3333m, 0.3334m);
        FeeClock(mall, DecemberStart.AddMinutes(20));
        var first = await Service(mall).RunDueAsync(default);
        var before = await SharesAsync(mall);
        // Late readings after the run never change a stored decision.
        await mall.IntervalsAsync((mall.P2, NovemberStart.AddDays(10), 1000m));
        mall.Bed.Clock.Advance(TimeSpan.FromHours(5));

        var second = await Service(mall).RunDueAsync(default);

        Assert.Single(first);
        Assert.Empty(second);
        Assert.Equal(before.Select(e => (e.Id, e.Amount)), (await SharesAsync(mall)).Select(e => (e.Id, e.Amount)));
        await using var db = mall.Bed.Database.CreateDbContext();
        Assert.Equal(1, await db.SharingRuns.CountAsync());
    }

    [Fact]
    public async Task RunDue_BeforeAndAfter0020OnTheFirstInSiteTime_SharesTheEndedMonthOnlyAfter()
    {
        var mall = await PooledMallAsync();
        await using var _ = mall.Bed;
        await RuleAsync(mall, SharingKey.FixedRatio, 0m, 0.3333m, 0.3333m, 0.3334m);
        var service = Service(mall);
        FeeClock(mall, DecemberStart.AddMinutes(20).AddSeconds(-1));

        var early = await service.RunDueAsync(default);
        FeeClock(mall, DecemberStart.AddMinutes(20));
        var due = await service.RunDueAsync(default);

        Assert.Empty(early);
        Assert.Equal(November.FirstDay, Assert.Single(due).Month);
    }

    [Fact]
    public async Task RunDue_ServerDownForDays_CatchUpSharesTheMissedMonthOnce()
    {
        var mall = await PooledMallAsync();
        await using var _ = mall.Bed;
        await RuleAsync(mall, SharingKey.EqualSplit, 0m);
        FeeClock(mall, DecemberStart.AddDays(4));

        var runs = await Service(mall).RunDueAsync(default);
        var again = await Service(mall).RunDueAsync(default);

        Assert.Equal(November.FirstDay, Assert.Single(runs).Month);
        Assert.Empty(again);
        Assert.Equal(-290.00m, (await SharesAsync(mall)).Sum(e => e.Amount));
    }

    [Fact]
    public async Task RunMonth_ConsumptionKeyWithoutConsumption_StoresTheReasonAndPostsNothing()
    {
        var mall = await PooledMallAsync();
        await using var _ = mall.Bed;
        var ruleId = await RuleAsync(mall, SharingKey.Consumption, 0m);
        FeeClock(mall, DecemberStart.AddMinutes(20));

        var run = await Service(mall).RunMonthAsync(ruleId, November, default);

        Assert.Contains("sum to zero", run.Error);
        Assert.Empty(await SharesAsync(mall));
    }

    private static void FeeClock(SmallMall mall, DateTimeOffset utc) => Fees.FeeTestBed.SetClock(mall.Bed, utc);
}
