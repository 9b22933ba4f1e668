using Microsoft.EntityFrameworkCore;
using Prepaid.App.Persistence;
using Prepaid.Domain.Metering;

using Prepaid.App.Persistence.Entities;
namespace Prepaid.App.Reports;

/// <summary>A meter's registers at the midnights around a period (the daily freezes), null where no freeze exists.</summary>
/// <param name="Opening">The register at the period's opening midnight, or at <paramref name="OpenedOn"/>.</param>
/// <param name="Closing">The register at the midnight after the period.</param>
/// <param name="OpenedOn">Set when the meter has no freeze at the opening midnight and its first freeze in the period
/// stands for it: the meter's readings begin that day (a new meter, a new site, a demo history), so its consumption
/// runs from then instead of being left blank.</param>
public sealed record MeterReadings(decimal? Opening, decimal? Closing, DateOnly? OpenedOn = null)
{
    /// <summary>Closing minus opening; null when either freeze is missing or the register went backwards (replacement, reset).</summary>
    public decimal? Consumption => Opening is { } o && Closing is { } c && c >= o ? c - o : null;
}

/// <summary>Opening and closing registers of every meter from the daily freezes at the period's two midnights.</summary>
internal static class MeterConsumption
{
    public static async Task<Dictionary<int, MeterReadings>> LoadAsync(PrepaidDb db, ReportPeriod period, CancellationToken cancellationToken)
    {
        var (first, after) = (period.Start, period.End.AddDays(1));
        var freezes = await db.FreezeReadings.AsNoTracking()
            .Where(f => f.Kind == FreezeKind.Daily && (f.Period == first || f.Period == after))
            .Select(f => new { f.MeterId, f.Period, f.Value })
            .ToListAsync(cancellationToken);
        var result = freezes.GroupBy(f => f.MeterId).ToDictionary(
            g => g.Key,
            g => new MeterReadings(
                g.Where(f => f.Period == first).Select(f => (decimal?)f.Value).FirstOrDefault(),
                g.Where(f => f.Period == after).Select(f => (decimal?)f.Value).FirstOrDefault()));

        // Meters whose readings begin inside the period: their first freeze in it is the opening. A meter with
        // freezes before the period but none at its opening midnight (an outage) stays blank: that gap is unknown.
        var firstDays = db.FreezeReadings.Where(f => f.Kind == FreezeKind.Daily && f.Period > first && f.Period < after)
            .GroupBy(f => f.MeterId).Select(g => new { MeterId = g.Key, Day = g.Min(f => f.Period) });
        var starts = await (from f in db.FreezeReadings.AsNoTracking()
                            where f.Kind == FreezeKind.Daily
                            join d in firstDays on new { f.MeterId, Day = f.Period } equals new { d.MeterId, d.Day }
                            select new { f.MeterId, f.Period, f.Value }).ToListAsync(cancellationToken);
        var candidates = starts.Where(s => result.GetValueOrDefault(s.MeterId)?.Opening is null).Select(s => s.MeterId).ToList();
        var earlier = (await db.FreezeReadings.AsNoTracking()
            .Where(f => f.Kind == FreezeKind.Daily && f.Period <= first && candidates.Contains(f.MeterId))
            .Select(f => f.MeterId).Distinct().ToListAsync(cancellationToken)).ToHashSet();
        var open = candidates.Where(id => !earlier.Contains(id)).ToHashSet();
        foreach (var start in starts.Where(s => open.Contains(s.MeterId)))
        {
            result[start.MeterId] = new MeterReadings(start.Value, result.GetValueOrDefault(start.MeterId)?.Closing, start.Period);
        }

        return result;
    }

    /// <summary>The latest day on which a meter's readings began inside the period, for the report's note; null when none did.</summary>
    public static DateOnly? ReadingsBeginOn(IEnumerable<MeterReadings> readings) =>
        readings.Where(r => r.OpenedOn is not null).Select(r => r.OpenedOn).Max();
}
