using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Prepaid.App.Persistence;
using Prepaid.Domain.Model;
using Prepaid.Domain.Tariffs;
using Tariff = Prepaid.Domain.Model.Tariff;

namespace Prepaid.App.Demo;

/// <summary>Seeds the reference mall into an empty database when <c>Demo:Enabled</c> is on.</summary>
public sealed class DemoSeeder(
    IDbContextFactory<PrepaidDb> factory,
    IOptions<DemoOptions> options,
    TimeProvider time,
    ILogger<DemoSeeder> logger)
{
    public const string SeedUser = "system:demo-seed";

    /// <summary>Returns true when the mall was created, false when disabled or the database already has a site.</summary>
    /// <param name="cancellationToken">Cancels the seed.</param>
    /// <param name="at">The seed instant (the start of the demo history); the clock's time when null.</param>
    public async Task<bool> SeedIfEmptyAsync(CancellationToken cancellationToken, DateTimeOffset? at = null)
    {
        if (!options.Value.Enabled)
        {
            return false;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (await db.Sites.AnyAsync(cancellationToken))
        {
            return false;
        }

        var now = at ?? time.GetUtcNow();
        var mall = new DemoMallGenerator(options.Value, now).Generate();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        await SaveAsync(db, mall, now, cancellationToken);
        db.AuditEntries.Add(new AuditEntry
        {
            At = now,
            UserName = SeedUser,
            Kind = AuditKind.System,
            Action = "demo.seed",
            Target = $"site:{mall.Site.Id}",
            After = $$"""{"meters":{{mall.Meters.Count}},"tenants":{{mall.Tenants.Count}},"seed":{{options.Value.RandomSeed}}}""",
        });
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        logger.LogInformation("Seeded the demo mall: {Meters} meters, {Tenants} tenants, seed {Seed}",
            mall.Meters.Count, mall.Tenants.Count, options.Value.RandomSeed);
        return true;
    }

    // Staged saves: the model has foreign keys without navigations, so each stage's ids feed the next.
    private static async Task SaveAsync(PrepaidDb db, DemoMall mall, DateTimeOffset now, CancellationToken ct)
    {
        db.Sites.Add(mall.Site);
        await db.SaveChangesAsync(ct);
        var siteId = mall.Site.Id;

        foreach (var t in mall.Transformers)
        {
            t.SiteId = siteId;
        }

        db.Transformers.AddRange(mall.Transformers);
        await db.SaveChangesAsync(ct);

        foreach (var s in mall.Shafts)
        {
            s.Shaft.SiteId = siteId;
            s.Shaft.TransformerId = mall.Transformers[s.TransformerIndex].Id;
            s.Gateway.SiteId = siteId;
            s.Shaft.Gateways.Add(s.Gateway);
            db.Shafts.Add(s.Shaft);
        }

        var tariffs = new Dictionary<DemoTariff, Tariff>
        {
            [DemoTariff.ElectricityTou] = CreateTariff(siteId, "E-TOU", "商业分时电价 Commercial TOU", MeterKind.Electricity, TariffPlanExamples.CommercialTou2026(), now),
            [DemoTariff.WaterTiered] = CreateTariff(siteId, "W-TIER", "商业阶梯水价 Commercial tiered water", MeterKind.Water, TariffPlanExamples.WaterTiered2026(), now),
        };
        db.Tariffs.AddRange(tariffs.Values);

        foreach (var t in mall.Tenants)
        {
            t.Tenant.SiteId = siteId;
        }

        db.Tenants.AddRange(mall.Tenants.Select(t => t.Tenant));
        await db.SaveChangesAsync(ct);

        foreach (var t in mall.Tenants)
        {
            t.Account.TenantId = t.Tenant.Id;
        }

        db.Accounts.AddRange(mall.Tenants.Select(t => t.Account));
        await db.SaveChangesAsync(ct);

        db.LedgerEntries.AddRange(mall.Tenants.Where(t => t.OpeningBalance > 0).Select(t => new LedgerEntry
        {
            AccountId = t.Account.Id,
            Kind = LedgerEntryKind.OpeningBalance,
            Amount = t.OpeningBalance,
            IdempotencyKey = $"demo-opening:{t.Account.Number}",
            OccurredAt = now,
            RecordedBy = SeedUser,
            CauseType = "demo-seed",
            Note = "Opening balance",
        }));

        foreach (var m in mall.Meters)
        {
            m.Meter.SiteId = siteId;
            m.Meter.BusId = m.Bus.Id;
            m.Meter.ShaftId = m.ShaftIndex is int s ? mall.Shafts[s].Shaft.Id : null;
            m.Meter.TransformerId = m.TransformerIndex is int t ? mall.Transformers[t].Id : null;
            m.Meter.AccountId = m.TenantIndex is int a ? mall.Tenants[a].Account.Id : null;
            m.Meter.TariffId = m.Tariff is DemoTariff k ? tariffs[k].Id : null;
        }

        db.Meters.AddRange(mall.Meters.Select(m => m.Meter));
        await db.SaveChangesAsync(ct);
        DemoBillingRules.Add(db, mall, now);
        await db.SaveChangesAsync(ct);
    }

    private static Tariff CreateTariff(int siteId, string code, string name, MeterKind kind, TariffPlan plan, DateTimeOffset now) => new()
    {
        SiteId = siteId,
        Code = code,
        Name = name,
        Commodity = kind,
        Versions =
        [
            new TariffVersion { ValidFrom = plan.ValidFrom, PlanJson = TariffPlanJson.Serialize(plan), CreatedAt = now, CreatedBy = SeedUser },
        ],
    };
}
