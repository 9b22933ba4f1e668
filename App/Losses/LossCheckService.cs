using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Prepaid.App.Persistence;
using Prepaid.App.Kernel.Contracts;
namespace Prepaid.App.Losses;

/// <summary>Checks a site-local day's losses of every transformer and of the site against the threshold and
/// reports each scope to the <see cref="ILossAlarmSink"/>.</summary>
public sealed class LossCheckService(
    IDbContextFactory<PrepaidDb> dbFactory,
    LossReconciliationQuery query,
    ILossAlarmSink sink,
    IOptions<LossCheckOptions> options,
    TimeProvider time)
{
    /// <summary>Checks the day before today (site time) on every site.</summary>
    public async Task<IReadOnlyList<LossCheckResult>> CheckYesterdayAsync(CancellationToken cancellationToken)
    {
        List<(int Id, string TimeZoneId)> sites;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            sites = [.. (await db.Sites.AsNoTracking().Select(s => new { s.Id, s.TimeZoneId }).ToListAsync(cancellationToken)).Select(s => (s.Id, s.TimeZoneId))];
        }

        var results = new List<LossCheckResult>();
        foreach (var (siteId, zoneId) in sites)
        {
            var yesterday = SiteTime.Today(time.GetUtcNow(), SiteTime.Zone(zoneId)).AddDays(-1);
            results.AddRange(await CheckDayAsync(siteId, yesterday, cancellationToken));
        }

        return results;
    }

    /// <summary>Checks one day; scopes whose incomer measured less than the minimum are not judged (not reported).</summary>
    public async Task<IReadOnlyList<LossCheckResult>> CheckDayAsync(int siteId, DateOnly day, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var results = new List<LossCheckResult>();
        foreach (var row in await query.DailyAsync(siteId, day, day, cancellationToken))
        {
            if (row.IncomerMeters == 0 || row.IncomerKwh < o.MinimumIncomerKwh || row.LossPercent is not { } percent)
            {
                continue;
            }

            var result = new LossCheckResult(siteId, row, o.ThresholdPercent, Math.Abs(percent) > o.ThresholdPercent);
            await sink.ReportAsync(result, cancellationToken);
            results.Add(result);
        }

        return results;
    }
}
