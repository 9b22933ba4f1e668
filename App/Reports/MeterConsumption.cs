using Microsoft.EntityFrameworkCore;
using Prepaid.App.Persistence;
using Prepaid.Domain.Metering;

using Prepaid.App.Persistence.Entities;
namespace Prepaid.App.Reports;

/// <summary>A meter's registers at the midnights around a period (the daily freezes), null where no freeze exists.</summary>
public sealed record MeterReadings(decimal? Opening, decimal? Closing)
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
        return freezes.GroupBy(f => f.MeterId).ToDictionary(
            g => g.Key,
            g => new MeterReadings(
                g.Where(f => f.Period == first).Select(f => (decimal?)f.Value).FirstOrDefault(),
                g.Where(f => f.Period == after).Select(f => (decimal?)f.Value).FirstOrDefault()));
    }
}
