using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Prepaid.App.Kernel.Security;
using Prepaid.App.Persistence;
using Prepaid.App.Persistence.Entities;
using Prepaid.Domain.Billing;
using Prepaid.Domain.Model;
using Prepaid.Domain.Security;

namespace Prepaid.App.Sharing;

public sealed record SharingRunRow(long Id, string Rule, DateOnly Month, DateTimeOffset StartedAt, DateTimeOffset? CompletedAt, SharingKey Key,
    decimal PoolQuantity, decimal Pool, decimal LossAllowance, decimal NetPool, decimal Allocated, decimal Unallocated, string? Error);

public sealed record PoolMeterOption(int Id, string Name, MeterKind Kind);

/// <summary>A tenant as the sharing rule editor lists it (unit, names, leased area for the area key).</summary>
public sealed record SharingTenantRow(int TenantId, string Unit, string Name, string NameEn, BusinessType BusinessType, decimal LeasedAreaM2);

/// <summary>What the public-area sharing page reads, behind ViewConfiguration.</summary>
public sealed class SharingConfigurationQuery(IDbContextFactory<PrepaidDb> factory)
{
    public const int RunsShown = 12;

    public async Task<IReadOnlyList<SharingRunRow>> SharingRunsAsync(ClaimsPrincipal actor, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewConfiguration);
        await using var db = await factory.CreateDbContextAsync(ct);
        var names = await db.SharingRules.AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.Name, ct);
        var runs = await db.SharingRuns.AsNoTracking().OrderByDescending(r => r.Month).ThenByDescending(r => r.Id).Take(RunsShown).ToListAsync(ct);
        return [.. runs.Select(r => new SharingRunRow(r.Id, names.GetValueOrDefault(r.RuleId, "?"), r.Month, r.StartedAt, r.CompletedAt, r.Key,
            r.PoolQuantity, r.Pool, r.LossAllowance, r.NetPool, r.Allocated, r.Unallocated, r.Error))];
    }

    public async Task<IReadOnlyList<SharingRule>> SharingRulesAsync(ClaimsPrincipal actor, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewConfiguration);
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.SharingRules.AsNoTracking().Include(r => r.Tenants).Include(r => r.Meters).OrderBy(r => r.Id).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<PoolMeterOption>> PublicAreaMetersAsync(ClaimsPrincipal actor, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewConfiguration);
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Meters.AsNoTracking().Where(m => m.Role == MeterRole.PublicArea).OrderBy(m => m.Name)
            .Select(m => new PoolMeterOption(m.Id, m.Name, m.Kind)).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<SharingTenantRow>> TenantsAsync(ClaimsPrincipal actor, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewConfiguration);
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Tenants.AsNoTracking().OrderBy(t => t.UnitNumber)
            .Select(t => new SharingTenantRow(t.Id, t.UnitNumber, t.Name, t.NameEn, t.BusinessType, t.LeasedAreaM2)).ToListAsync(ct);
    }

    public async Task<TimeZoneInfo> ZoneAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await SiteTime.FirstSiteZoneAsync(db, ct);
    }

    public async Task<int> SiteIdAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Sites.OrderBy(s => s.Id).Select(s => s.Id).FirstAsync(ct);
    }
}
