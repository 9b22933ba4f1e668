using Microsoft.EntityFrameworkCore;
using Prepaid.App.Tests.Support;
using Prepaid.Domain.Model;
using Prepaid.Domain.Tariffs;

namespace Prepaid.App.Tests.Demo;

public sealed class DemoSeederTests
{
    [Fact]
    public async Task SeedIfEmpty_EmptyDatabase_StoresTheWholeMall()
    {
        await using var database = await TestDatabase.CreateAsync();

        var seeded = await database.CreateSeeder(TestTime.DefaultStart).SeedIfEmptyAsync(CancellationToken.None);

        Assert.True(seeded);
        await using var db = database.CreateDbContext();
        Assert.Equal(382, await db.Meters.CountAsync());
        Assert.Equal(5, await db.Gateways.CountAsync());
        Assert.Equal(13, await db.Buses.CountAsync());
        Assert.Equal(294, await db.Tenants.CountAsync());
        Assert.Equal(294, await db.Accounts.CountAsync());
        Assert.Equal(0, await db.Meters.CountAsync(m => m.Role == MeterRole.Tenant && m.AccountId == null));
        Assert.Equal(0, await db.Meters.CountAsync(m => m.Role != MeterRole.MainIncomer && m.TariffId == null));
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "demo.seed"));
    }

    [Fact]
    public async Task SeedIfEmpty_SecondRun_ChangesNothing()
    {
        await using var database = await TestDatabase.CreateAsync(seedDemo: true);

        var seeded = await database.CreateSeeder(TestTime.DefaultStart).SeedIfEmptyAsync(CancellationToken.None);

        Assert.False(seeded);
        await using var db = database.CreateDbContext();
        Assert.Equal(382, await db.Meters.CountAsync());
    }

    [Fact]
    public async Task SeedIfEmpty_DemoDisabled_LeavesTheDatabaseEmpty()
    {
        await using var database = await TestDatabase.CreateAsync();

        var seeded = await database.CreateSeeder(TestTime.DefaultStart, enabled: false).SeedIfEmptyAsync(CancellationToken.None);

        Assert.False(seeded);
        await using var db = database.CreateDbContext();
        Assert.Equal(0, await db.Sites.CountAsync());
    }

    [Fact]
    public async Task SeedIfEmpty_Tariffs_AreValidPlansTheEngineReads()
    {
        await using var database = await TestDatabase.CreateAsync(seedDemo: true);
        await using var db = database.CreateDbContext();

        var tariffs = await db.Tariffs.Include(t => t.Versions).ToListAsync();

        Assert.Equal(2, tariffs.Count);
        var electricity = TariffPlanJson.Deserialize(tariffs.Single(t => t.Commodity == MeterKind.Electricity).Versions.Single().PlanJson);
        var water = TariffPlanJson.Deserialize(tariffs.Single(t => t.Commodity == MeterKind.Water).Versions.Single().PlanJson);
        Assert.Equal(PricingKind.Tou, electricity.Kind);
        Assert.Equal(PricingKind.Tiered, water.Kind);
    }

    [Fact]
    public async Task SeedIfEmpty_OpeningBalances_AreLedgerEntriesSoBalanceIsTheirSum()
    {
        await using var database = await TestDatabase.CreateAsync(seedDemo: true);
        await using var db = database.CreateDbContext();

        var balances = await db.Accounts
            .Select(a => new { a.Id, Balance = db.LedgerEntries.Where(e => e.AccountId == a.Id).Sum(e => e.Amount) })
            .ToListAsync();

        Assert.Contains(balances, b => b.Balance == 0m);
        Assert.All(balances, b => Assert.True(b.Balance >= 0m));
        Assert.All(await db.LedgerEntries.ToListAsync(), e => Assert.StartsWith("demo-opening:", e.IdempotencyKey));
    }
}
