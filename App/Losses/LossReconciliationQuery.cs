using Microsoft.EntityFrameworkCore;
using Prepaid.App.Kernel.Time;
using Prepaid.App.Persistence;
using Prepaid.Domain.Billing;
using Prepaid.Domain.Model;

using Prepaid.App.Kernel.Contracts;

namespace Prepaid.App.Losses;

/// <summary>
/// Loss reconciliation: per site-local day or month, each transformer's main incomer energy minus
/// the sum of the sub-meters on its busbar, then the site (all incomers minus all sub-meters). Computed from the
/// stored interval energy, so a meter swap or a reset register never shows as a loss.
/// </summary>
public sealed class LossReconciliationQuery(IDbContextFactory<PrepaidDb> dbFactory)
{
    /// <summary>Label of the site-wide row.</summary>
    public const string SiteScope = "SITE";

    /// <summary>One row per transformer and day, then the site row of that day, for every day from <paramref name="from"/>
    /// to <paramref name="to"/> inclusive.</summary>
    public async Task<IReadOnlyList<LossRow>> DailyAsync(int siteId, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var topology = await LoadTopologyAsync(db, siteId, cancellationToken);
        var rows = new List<LossRow>();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            var start = SiteTime.MidnightUtc(day, topology.Zone);
            var end = SiteTime.MidnightUtc(day.AddDays(1), topology.Zone);
            rows.AddRange(await RowsAsync(db, topology, LossPeriod.Day, day, start, end, cancellationToken));
        }

        return rows;
    }

    /// <summary>One row per transformer and month, then the site row, for the months from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public async Task<IReadOnlyList<LossRow>> MonthlyAsync(int siteId, BillingMonth from, BillingMonth to, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var topology = await LoadTopologyAsync(db, siteId, cancellationToken);
        var rows = new List<LossRow>();
        for (var month = from; month.FirstDay <= to.FirstDay; month = SiteMonths.Next(month))
        {
            var (start, end) = SiteMonths.Bounds(month, topology.Zone);
            rows.AddRange(await RowsAsync(db, topology, LossPeriod.Month, month.FirstDay, start, end, cancellationToken));
        }

        return rows;
    }

    private sealed record Topology(TimeZoneInfo Zone, IReadOnlyList<Transformer> Transformers, IReadOnlyList<(int MeterId, int? TransformerId)> Incomers,
        IReadOnlyList<(int MeterId, int? TransformerId)> SubMeters);

    private static async Task<Topology> LoadTopologyAsync(PrepaidDb db, int siteId, CancellationToken cancellationToken)
    {
        var zone = SiteTime.Zone(await db.Sites.Where(s => s.Id == siteId).Select(s => s.TimeZoneId).SingleOrDefaultAsync(cancellationToken)
            ?? throw new ArgumentException($"No site with id {siteId}.", nameof(siteId)));
        var transformers = await db.Transformers.AsNoTracking().Where(t => t.SiteId == siteId).OrderBy(t => t.Code).ToListAsync(cancellationToken);
        var shafts = await db.Shafts.AsNoTracking().Where(s => s.SiteId == siteId).ToDictionaryAsync(s => s.Id, s => s.TransformerId, cancellationToken);
        var meters = await db.Meters.AsNoTracking().Where(m => m.SiteId == siteId && m.Kind == MeterKind.Electricity)
            .Select(m => new { m.Id, m.Role, m.ShaftId, m.TransformerId }).ToListAsync(cancellationToken);
        var incomers = meters.Where(m => m.Role == MeterRole.MainIncomer).Select(m => (m.Id, m.TransformerId)).ToList();
        var subMeters = meters.Where(m => m.Role != MeterRole.MainIncomer)
            .Select(m => (m.Id, m.ShaftId is { } s ? shafts.GetValueOrDefault(s) : null)).ToList();
        return new Topology(zone, transformers, incomers, subMeters);
    }

    private static async Task<List<LossRow>> RowsAsync(
        PrepaidDb db, Topology topology, LossPeriod period, DateOnly periodStart, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var totals = await db.IntervalEnergies.AsNoTracking()
            .Where(i => i.IntervalStart >= start && i.IntervalStart < end)
            .GroupBy(i => i.MeterId)
            .Select(g => new { g.Key, Total = g.Sum(i => i.Total) })
            .ToDictionaryAsync(x => x.Key, x => x.Total, cancellationToken);
        LossRow Row(int? transformerId, string scope, IEnumerable<int> incomers, IEnumerable<int> subs)
        {
            var incomerIds = incomers.ToList();
            var subIds = subs.ToList();
            var incomerKwh = incomerIds.Sum(id => totals.GetValueOrDefault(id));
            var subKwh = subIds.Sum(id => totals.GetValueOrDefault(id));
            var loss = incomerKwh - subKwh;
            return new LossRow(period, periodStart, transformerId, scope, incomerKwh, subKwh, loss, LossRow.Percent(incomerKwh, loss), incomerIds.Count, subIds.Count);
        }

        var rows = topology.Transformers.Select(t => Row(t.Id, t.Code,
            topology.Incomers.Where(m => m.TransformerId == t.Id).Select(m => m.MeterId),
            topology.SubMeters.Where(m => m.TransformerId == t.Id).Select(m => m.MeterId))).ToList();
        rows.Add(Row(null, SiteScope, topology.Incomers.Select(m => m.MeterId), topology.SubMeters.Select(m => m.MeterId)));
        return rows;
    }
}
