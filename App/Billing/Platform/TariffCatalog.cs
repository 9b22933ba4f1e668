using Microsoft.EntityFrameworkCore;
using Prepaid.App.Persistence;
using Prepaid.Domain.Tariffs;

namespace Prepaid.App.Billing.Platform;

/// <summary>The tariff engine's view of a stored price plan: every version of it, priced in the site's zone.</summary>
public static class TariffCatalog
{
    /// <summary>A pricer per stored tariff id (tariffs without a version are absent).</summary>
    public static async Task<Dictionary<int, TariffPricer>> PricersAsync(PrepaidDb db, IReadOnlyCollection<int> tariffIds, CancellationToken cancellationToken)
    {
        var versions = await db.TariffVersions.AsNoTracking().Where(v => tariffIds.Contains(v.TariffId))
            .Select(v => new { v.TariffId, v.PlanJson }).ToListAsync(cancellationToken);
        var sites = await db.Tariffs.AsNoTracking().Where(t => tariffIds.Contains(t.Id))
            .Join(db.Sites, t => t.SiteId, s => s.Id, (t, s) => new { t.Id, s.TimeZoneId }).ToDictionaryAsync(x => x.Id, x => x.TimeZoneId, cancellationToken);
        return versions.GroupBy(v => v.TariffId).ToDictionary(
            g => g.Key,
            g => new TariffPricer(new Tariff(g.Select(v => TariffPlanJson.Deserialize(v.PlanJson))), SiteTime.Zone(sites.GetValueOrDefault(g.Key))));
    }
}
