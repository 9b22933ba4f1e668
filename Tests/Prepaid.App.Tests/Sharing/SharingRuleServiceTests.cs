using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Prepaid.App.Sharing;
using Prepaid.App.Kernel.Security;
using Prepaid.App.Tests.Identity;
using Prepaid.Domain.Billing;
using Prepaid.Domain.Security;

namespace Prepaid.App.Tests.Sharing;

public sealed class SharingRuleServiceTests
{
    private static readonly System.Security.Claims.ClaimsPrincipal Admin = AccessMatrixTests.Principal("admin", Roles.Administrator);
    private static readonly DateOnly January = new(2027, 1, 1);

    private static SharingRuleService Service(SmallMall mall) => new(mall.Bed.Database, new AuditLog(mall.Bed.Database, mall.Bed.Clock), mall.Bed.Clock);

    private static SharingRuleDraft Draft(SmallMall mall, SharingKey key, decimal[] values, params int[] meters) => new(
        null, mall.SiteId, "公摊 Public", key, 0.02m, January, true,
        mall.TenantIds.Zip(values).ToDictionary(x => x.First, x => x.Second), meters.Length > 0 ? meters : [mall.P1, mall.P2]);

    [Fact]
    public async Task SaveAsync_RatiosSummingToOne_SavesAndAudits()
    {
        var mall = await SmallMall.CreateAsync();
        await using var _ = mall.Bed;

        var rule = await Service(mall).SaveAsync(Admin, Draft(mall, SharingKey.FixedRatio, [0.5m, 0.25m, 0.25m]), null, default);

        await using var db = mall.Bed.Database.CreateDbContext();
        var saved = await db.SharingRules.Include(r => r.Tenants).Include(r => r.Meters).SingleAsync(r => r.Id == rule.Id);
        Assert.Equal(1m, saved.Tenants.Sum(t => t.KeyValue));
        Assert.Equal(2, saved.Meters.Count);
        Assert.Equal("sharing-rule.create", (await db.AuditEntries.SingleAsync()).Action);
    }

    [Fact]
    public async Task SaveAsync_RatiosNotSummingToOne_RefusesWithTheSumAndSavesNothing()
    {
        var mall = await SmallMall.CreateAsync();
        await using var _ = mall.Bed;

        var error = await Assert.ThrowsAsync<BillingValidationException>(() =>
            Service(mall).SaveAsync(Admin, Draft(mall, SharingKey.FixedRatio, [0.3333m, 0.3333m, 0.3333m]), null, default));

        Assert.Contains("sum to 0.9999, not exactly 1", error.Message);
        await using var db = mall.Bed.Database.CreateDbContext();
        Assert.False(await db.SharingRules.AnyAsync());
    }

    [Fact]
    public async Task SaveAsync_ShopMeterInThePool_ListsEveryBrokenRule()
    {
        var mall = await SmallMall.CreateAsync();
        await using var _ = mall.Bed;
        var draft = Draft(mall, SharingKey.FixedFee, [50m, 60.123m, 70m], mall.M1) with { LossAllowanceRate = 1.5m, EffectiveFrom = new DateOnly(2027, 1, 2) };

        var error = await Assert.ThrowsAsync<BillingValidationException>(() => Service(mall).SaveAsync(Admin, draft, null, default));

        Assert.Contains(error.Errors, e => e.Contains("not a public-area meter"));
        Assert.Contains(error.Errors, e => e.Contains("whole fen"));
        Assert.Contains(error.Errors, e => e.Contains("loss allowance rate"));
        Assert.Contains(error.Errors, e => e.Contains("1st of a month"));
    }

    [Fact]
    public async Task SaveAsync_WithoutEditConfiguration_IsDenied()
    {
        var mall = await SmallMall.CreateAsync();
        await using var _ = mall.Bed;

        await Assert.ThrowsAsync<PermissionDeniedException>(() =>
            Service(mall).SaveAsync(AccessMatrixTests.Principal("m", Roles.Manager), Draft(mall, SharingKey.EqualSplit, [0m, 0m, 0m]), null, default));
    }

    [Fact]
    public async Task StatementQuery_AfterARun_ShowsEachTenantsBasisAndThePoolMeters()
    {
        var mall = await SmallMall.CreateAsync();
        await using var _ = mall.Bed;
        var start = new DateTimeOffset(2026, 12, 31, 16, 0, 0, TimeSpan.Zero);
        await mall.IntervalsAsync((mall.P1, start.AddDays(1), 100m));
        var rule = await Service(mall).SaveAsync(Admin, Draft(mall, SharingKey.FixedRatio, [0.5m, 0.25m, 0.25m]) with { LossAllowanceRate = 0m }, null, default);
        Fees.FeeTestBed.SetClock(mall.Bed, new DateTimeOffset(2027, 1, 31, 16, 20, 0, TimeSpan.Zero));
        var runs = new SharingRunService(mall.Bed.Database, mall.Bed.Ledger, new PublicAreaPoolPricer(mall.Bed.Database), Options.Create(new SharingOptions()),
            mall.Bed.Clock, NullLogger<SharingRunService>.Instance);
        await runs.RunDueAsync(default);

        var statement = Assert.Single(await new SharingStatementQuery(mall.Bed.Database).ForMonthsAsync(new BillingMonth(2027, 1), new BillingMonth(2027, 1), default));

        Assert.Equal((rule.Id, 85.00m, 85.00m), (statement.RuleId, statement.Pool, statement.Allocated));
        Assert.Equal(["L1-001", "L1-002", "L1-003"], statement.Lines.Select(l => l.UnitNumber));
        Assert.Equal([42.50m, 21.25m, 21.25m], statement.Lines.Select(l => l.Amount));
        Assert.All(statement.Lines, l => Assert.True(l.Posted));
        Assert.Equal(["P1", "P2"], statement.Meters.Select(m => m.MeterName));
    }
}
