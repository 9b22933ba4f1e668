using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Prepaid.App.Fees;
using Prepaid.App.Kernel.Ledger;
using Prepaid.App.Tests.Support;
using Prepaid.Domain.Billing;
using Prepaid.Domain.Model;

namespace Prepaid.App.Tests.Demo;

public sealed class DemoBillingRulesTests
{
    [Fact]
    public async Task Seed_DemoMall_GivesEveryTenantAFeeAndOneFixedRatioRuleSummingToOne()
    {
        await using var database = await TestDatabase.CreateAsync(seedDemo: true);
        await using var db = database.CreateDbContext();

        var tenants = await db.Tenants.AsNoTracking().ToDictionaryAsync(t => t.Id);
        var fees = await db.PropertyFeeSettings.AsNoTracking().ToListAsync();
        Assert.Equal(tenants.Keys.Order(), fees.Select(f => f.TenantId).Order());
        Assert.All(fees.Where(f => tenants[f.TenantId].BusinessType == BusinessType.FoodCourt), f => Assert.Equal((PropertyFeeBasis.FixedMonthly, 680m), (f.Basis, f.Rate)));
        Assert.Contains(fees, f => f.Basis == PropertyFeeBasis.PerSquareMetre);
        Assert.All(fees, f => Assert.Equal((2026, 11, 1), (f.EffectiveFrom.Year, f.EffectiveFrom.Month, f.EffectiveFrom.Day)));

        var rule = await db.SharingRules.AsNoTracking().Include(r => r.Tenants).Include(r => r.Meters).SingleAsync();
        Assert.Equal((SharingKey.FixedRatio, 294, 50), (rule.Key, rule.Tenants.Count, rule.Meters.Count));
        Assert.Equal(1m, rule.Tenants.Sum(t => t.KeyValue));
        Assert.All(rule.Tenants, t => Assert.True(t.KeyValue > 0));
    }

    [Fact]
    public async Task Seed_SameSeedTwice_GivesTheSameFeesAndRatios()
    {
        await using var first = await TestDatabase.CreateAsync(seedDemo: true);
        await using var second = await TestDatabase.CreateAsync(seedDemo: true);

        async Task<string> Fingerprint(TestDatabase database)
        {
            await using var db = database.CreateDbContext();
            var fees = await db.PropertyFeeSettings.AsNoTracking().OrderBy(f => f.TenantId).Select(f => new { f.TenantId, f.Basis, f.Rate }).ToListAsync();
            var ratios = await db.SharingRuleTenants.AsNoTracking().OrderBy(t => t.TenantId).Select(t => new { t.TenantId, t.KeyValue }).ToListAsync();
            return string.Join(";", fees) + "|" + string.Join(";", ratios);
        }

        Assert.Equal(await Fingerprint(first), await Fingerprint(second));
    }

    [Fact]
    public async Task RunDue_DemoMall_ChargesEveryTenantItsOwnFeeOnce()
    {
        await using var database = await TestDatabase.CreateAsync(seedDemo: true);
        var clock = new FakeTimeProvider(TestTime.DefaultStart);
        var notifier = new LedgerNotifier(TimeProvider.System, NullLogger<LedgerNotifier>.Instance);
        var ledger = new LedgerService(database, new AccountLocks(), notifier, clock);
        var service = new PropertyFeeService(database, ledger, Options.Create(new PropertyFeeOptions()), clock, NullLogger<PropertyFeeService>.Instance);

        var run = Assert.Single(await service.RunDueAsync(default));
        await service.RunDueAsync(default);

        await using var db = database.CreateDbContext();
        var expected = (await db.Tenants.AsNoTracking().ToListAsync()).Join(await db.PropertyFeeSettings.AsNoTracking().ToListAsync(), t => t.Id, f => f.TenantId,
            (t, f) => PropertyFee.Amount(new PropertyFeeRule(f.Basis, f.Rate), t.LeasedAreaM2)).Sum();
        var posted = await db.LedgerEntries.AsNoTracking().Where(e => e.Kind == LedgerEntryKind.PropertyFee).Select(e => e.Amount).ToListAsync();
        Assert.Equal((294, 0), (run.TenantsCharged, run.TenantsSkipped));
        Assert.Equal(294, posted.Count);
        Assert.Equal(expected, run.Total);
        Assert.Equal(-expected, posted.Sum());
        Assert.All(posted, a => Assert.Equal(a, decimal.Round(a, 2)));
    }
}
