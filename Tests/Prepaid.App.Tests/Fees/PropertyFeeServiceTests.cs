using Microsoft.EntityFrameworkCore;
using Prepaid.App.Fees;
using Prepaid.App.Persistence.Entities;
using Prepaid.App.Kernel.Ledger;
using Prepaid.App.Tests.Kernel.Ledger;
using Prepaid.Domain.Billing;
using Prepaid.Domain.Model;

namespace Prepaid.App.Tests.Fees;

public sealed class PropertyFeeServiceTests
{
    private static readonly DateOnly December = new(2026, 12, 1);

    // 2026-12-01 00:10 in Asia/Shanghai (UTC+8) is 2026-11-30 16:10 UTC.
    private static readonly DateTimeOffset DecemberDue = new(2026, 11, 30, 16, 10, 0, TimeSpan.Zero);

    private static async Task<LedgerTestBed> ThreeTenantsAsync()
    {
        var bed = await LedgerTestBed.CreateAsync(accounts: 3);
        await FeeTestBed.ConfigureAsync(bed, 0, 120.55m, PropertyFeeBasis.PerSquareMetre, 8.55m, December);
        await FeeTestBed.ConfigureAsync(bed, 1, 33.33m, PropertyFeeBasis.PerSquareMetre, 12.345m, December);
        await FeeTestBed.ConfigureAsync(bed, 2, 14m, PropertyFeeBasis.FixedMonthly, 480m, December);
        foreach (var account in bed.AccountIds)
        {
            await bed.Ledger.PostAsync(new LedgerPosting(account, LedgerEntryKind.Recharge, 5000m, $"r{account}", "cashier", PaymentMethod.Cash), default);
        }

        return bed;
    }

    private static Task<List<LedgerEntry>> FeesAsync(LedgerTestBed bed)
    {
        using var db = bed.Database.CreateDbContext();
        return db.LedgerEntries.AsNoTracking().Where(e => e.Kind == LedgerEntryKind.PropertyFee).OrderBy(e => e.AccountId).ToListAsync();
    }

    [Fact]
    public async Task RunMonth_AreaAndFixedFees_ChargesEachRoundedToTheFenAndStoresTheRun()
    {
        await using var bed = await ThreeTenantsAsync();
        FeeTestBed.SetClock(bed, DecemberDue);

        var run = await FeeTestBed.Service(bed).RunMonthAsync(1, new BillingMonth(2026, 12), default);

        // 120.55 x 8.55 = 1030.7025 -> 1030.70; 33.33 x 12.345 = 411.45885 -> 411.46 (half away from zero); fixed 480.00.
        var fees = await FeesAsync(bed);
        Assert.Equal([-1030.70m, -411.46m, -480.00m], fees.Select(e => e.Amount));
        Assert.All(fees, e => Assert.Matches(@"^property-fee:\d+:2026-12$", e.IdempotencyKey));
        Assert.Equal((3, 1922.16m, 0), (run.TenantsCharged, run.Total, run.TenantsSkipped));
        Assert.NotNull(run.CompletedAt);
        Assert.Equal(5000m - 1030.70m, await bed.Ledger.BalanceAsync(bed.AccountIds[0], default));
        await using var db = bed.Database.CreateDbContext();
        var items = await db.PropertyFeeRunItems.OrderBy(i => i.AccountId).ToListAsync();
        Assert.Equal(["120.55 m2 x 8.55 yuan/m2 = 1030.70", "33.33 m2 x 12.345 yuan/m2 = 411.46", "fixed 480 per month"], items.Select(i => i.Basis));
    }

    [Fact]
    public async Task RunDue_SecondRun_ChangesNothing()
    {
        await using var bed = await ThreeTenantsAsync();
        FeeTestBed.SetClock(bed, DecemberDue.AddMinutes(1));
        var service = FeeTestBed.Service(bed);
        await service.RunDueAsync(default);
        var before = await FeesAsync(bed);
        bed.Clock.Advance(TimeSpan.FromMinutes(5));

        var second = await service.RunDueAsync(default);
        var again = await service.RunMonthAsync(1, new BillingMonth(2026, 12), default);

        Assert.Empty(second);
        Assert.Equal(before.Select(e => (e.Id, e.Amount)), (await FeesAsync(bed)).Select(e => (e.Id, e.Amount)));
        await using var db = bed.Database.CreateDbContext();
        Assert.Equal(1, await db.PropertyFeeRuns.CountAsync());
        Assert.Equal(3, await db.PropertyFeeRunItems.CountAsync());
        Assert.Equal(1922.16m, again.Total);
    }

    [Fact]
    public async Task RunDue_MonthBoundaryInSiteTime_ChargesDecemberFrom1610UtcOnNovember30()
    {
        await using var bed = await ThreeTenantsAsync();
        var service = FeeTestBed.Service(bed);
        FeeTestBed.SetClock(bed, DecemberDue.AddSeconds(-1));

        var early = await service.RunDueAsync(default);
        FeeTestBed.SetClock(bed, DecemberDue);
        var due = await service.RunDueAsync(default);

        Assert.Empty(early);
        Assert.Equal(December, Assert.Single(due).Month);
        Assert.Equal(3, (await FeesAsync(bed)).Count);
    }

    [Fact]
    public async Task RunDue_ServerDownOnTheFirst_CatchUpOnStartChargesEachMissedMonthOnce()
    {
        await using var bed = await LedgerTestBed.CreateAsync(accounts: 2);
        await FeeTestBed.ConfigureAsync(bed, 0, 50m, PropertyFeeBasis.FixedMonthly, 300m, new DateOnly(2026, 11, 1));
        await FeeTestBed.ConfigureAsync(bed, 1, 80m, PropertyFeeBasis.PerSquareMetre, 10m, new DateOnly(2026, 12, 1));
        var service = FeeTestBed.Service(bed);
        // Down from before 2026-12-01 00:10 site time until 2026-12-03 09:00 site time; November was never run either.
        FeeTestBed.SetClock(bed, new DateTimeOffset(2026, 12, 3, 1, 0, 0, TimeSpan.Zero));

        var runs = await service.RunDueAsync(default);
        var restartAgain = await service.RunDueAsync(default);

        Assert.Equal([new DateOnly(2026, 11, 1), December], runs.Select(r => r.Month));
        Assert.Equal([300m, 1100m], runs.Select(r => r.Total));
        Assert.Empty(restartAgain);
        var keys = (await FeesAsync(bed)).Select(e => e.IdempotencyKey).Order().ToList();
        Assert.Equal(3, keys.Count);
        Assert.Equal(keys.Count, keys.Distinct().Count());
    }

    [Fact]
    public async Task RunMonth_InterruptedAfterOnePost_ResumesWithoutDoubling()
    {
        await using var bed = await ThreeTenantsAsync();
        FeeTestBed.SetClock(bed, DecemberDue);
        var service = FeeTestBed.Service(bed);
        int firstTenant;
        await using (var db = bed.Database.CreateDbContext())
        {
            firstTenant = await db.Accounts.Where(a => a.Id == bed.AccountIds[0]).Select(a => a.TenantId).SingleAsync();
            // A run that stopped after posting the first tenant's fee and before recording it.
            db.PropertyFeeRuns.Add(new PropertyFeeRun { SiteId = 1, Month = December, StartedAt = DecemberDue, RunBy = PropertyFeeService.JobName });
            await db.SaveChangesAsync();
        }

        var month = new BillingMonth(2026, 12);
        await bed.Ledger.PostAsync(new LedgerPosting(bed.AccountIds[0], LedgerEntryKind.PropertyFee, -1030.70m, PropertyFee.IdempotencyKey(firstTenant, month),
            PropertyFeeService.JobName, CauseType: "property-fee", CauseId: "2026-12"), default);

        var run = await service.RunMonthAsync(1, month, default);

        Assert.Equal(3, (await FeesAsync(bed)).Count);
        Assert.Equal((3, 1922.16m), (run.TenantsCharged, run.Total));
        Assert.Equal(PropertyFeeItemOutcome.AlreadyCharged, run.Items.Single(i => i.TenantId == firstTenant).Outcome);
    }

    [Fact]
    public async Task RunMonth_FeeAboveBalance_PostsAndMarksTheArrearsPath()
    {
        await using var bed = await LedgerTestBed.CreateAsync(accounts: 2);
        await FeeTestBed.ConfigureAsync(bed, 0, 14m, PropertyFeeBasis.FixedMonthly, 480m, December);
        await bed.Ledger.PostAsync(new LedgerPosting(bed.AccountIds[0], LedgerEntryKind.Recharge, 100m, "r", "cashier", PaymentMethod.Cash), default);
        FeeTestBed.SetClock(bed, DecemberDue);

        var run = await FeeTestBed.Service(bed).RunMonthAsync(1, new BillingMonth(2026, 12), default);

        var charged = run.Items.Single(i => i.Outcome == PropertyFeeItemOutcome.Charged);
        Assert.Equal((-380m, false), (charged.BalanceAfter, charged.Covered));
        Assert.Equal(-380m, await bed.Ledger.BalanceAsync(bed.AccountIds[0], default));
        var skipped = run.Items.Single(i => i.Outcome != PropertyFeeItemOutcome.Charged);
        Assert.Equal(PropertyFeeItemOutcome.NotConfigured, skipped.Outcome);
        Assert.Equal((1, 480m, 1), (run.TenantsCharged, run.Total, run.TenantsSkipped));
    }
}
