using Microsoft.EntityFrameworkCore;
using Prepaid.App.Persistence;
using Prepaid.Domain.Model;

namespace Prepaid.App.Overview;

/// <summary>Meter counts of one shaft (or of the low-voltage room when <see cref="ShaftId"/> is null).</summary>
public sealed record ShaftCounts(int? ShaftId, string? ShaftCode, string? ShaftName, int TenantElectricity, int PublicArea, int MainIncomer, int Water)
{
    public int Total => TenantElectricity + PublicArea + MainIncomer + Water;
}

/// <summary>What the overview page shows, straight from the database.</summary>
public sealed record SiteOverview(
    string? SiteName,
    int Meters,
    int ElectricityMeters,
    int WaterMeters,
    int Tenants,
    int Accounts,
    int Gateways,
    int Buses,
    IReadOnlyList<ShaftCounts> ByShaft)
{
    /// <summary>The column sums of <see cref="ByShaft"/>.</summary>
    public ShaftCounts Totals { get; } = new(null, null, null,
        ByShaft.Sum(r => r.TenantElectricity), ByShaft.Sum(r => r.PublicArea), ByShaft.Sum(r => r.MainIncomer), ByShaft.Sum(r => r.Water));
}

public sealed class SiteOverviewQuery(IDbContextFactory<PrepaidDb> factory)
{
    public async Task<SiteOverview> GetAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var site = await db.Sites.OrderBy(s => s.Id).Select(s => s.Name).FirstOrDefaultAsync(cancellationToken);
        var groups = await db.Meters
            .GroupBy(m => new { m.ShaftId, m.Kind, m.Role })
            .Select(g => new { g.Key.ShaftId, g.Key.Kind, g.Key.Role, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var shafts = await db.Shafts.OrderBy(s => s.Code).Select(s => new { s.Id, s.Code, s.Name }).ToListAsync(cancellationToken);

        int Count(int? shaftId, MeterKind kind, MeterRole? role) =>
            groups.Where(g => g.ShaftId == shaftId && g.Kind == kind && (role is null || g.Role == role)).Sum(g => g.Count);

        ShaftCounts Row(int? id, string? code, string? name) => new(
            id, code, name,
            Count(id, MeterKind.Electricity, MeterRole.Tenant),
            Count(id, MeterKind.Electricity, MeterRole.PublicArea),
            Count(id, MeterKind.Electricity, MeterRole.MainIncomer),
            Count(id, MeterKind.Water, null));

        var rows = shafts.Select(s => Row(s.Id, s.Code, s.Name)).ToList();
        if (groups.Any(g => g.ShaftId is null))
        {
            rows.Add(Row(null, null, null));
        }

        return new SiteOverview(
            site,
            groups.Sum(g => g.Count),
            groups.Where(g => g.Kind == MeterKind.Electricity).Sum(g => g.Count),
            groups.Where(g => g.Kind == MeterKind.Water).Sum(g => g.Count),
            await db.Tenants.CountAsync(cancellationToken),
            await db.Accounts.CountAsync(cancellationToken),
            await db.Gateways.CountAsync(cancellationToken),
            await db.Buses.CountAsync(cancellationToken),
            rows);
    }
}
