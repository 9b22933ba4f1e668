using Microsoft.EntityFrameworkCore;
using Prepaid.App.Persistence;
using Prepaid.App.Persistence.Entities;
namespace Prepaid.App.Reports;

/// <summary>
/// The period the reports page proposes for a report, so that the first click gives a report with data in it:
/// <list type="bullet">
/// <item>a day report: yesterday, the last complete day;</item>
/// <item>a month report: the last complete month; if the site has no data before this month (a new site or a
/// fresh demo), the current month, whose report runs to date;</item>
/// <item>a range report: likewise the last complete month; without earlier data, this month from the 1st to
/// yesterday (complete days, so the closing midnight readings exist), or today alone on the 1st.</item>
/// </list>
/// </summary>
public static class ReportDefaults
{
    public static ReportPeriod Period(ReportKind kind, DateOnly today, bool dataBeforeThisMonth)
    {
        var yesterday = today.AddDays(-1);
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        var lastMonth = thisMonth.AddMonths(-1);
        return kind.Shape() switch
        {
            ReportPeriodShape.Day => ReportPeriod.Day(yesterday),
            _ when dataBeforeThisMonth => ReportPeriod.Month(lastMonth.Year, lastMonth.Month),
            ReportPeriodShape.Month => ReportPeriod.Month(thisMonth.Year, thisMonth.Month),
            _ => new ReportPeriod(thisMonth, yesterday < thisMonth ? today : yesterday),
        };
    }

    /// <summary>Whether anything was measured or booked before the site-local month that contains <paramref name="today"/>.</summary>
    public static async Task<bool> DataBeforeMonthAsync(PrepaidDb db, DateOnly today, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var start = SiteTime.MidnightUtc(new DateOnly(today.Year, today.Month, 1), zone);
        return await db.IntervalEnergies.AnyAsync(e => e.IntervalStart < start, cancellationToken)
            || await db.LedgerEntries.AnyAsync(e => e.OccurredAt < start, cancellationToken);
    }
}
