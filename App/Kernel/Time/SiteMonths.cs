using Prepaid.App.Persistence;
using Prepaid.Domain.Billing;

namespace Prepaid.App.Kernel.Time;

/// <summary>Monthly deadlines in site time: "the 1st at 00:10" is an instant that depends on the site's zone.</summary>
public static class SiteMonths
{
    /// <summary>The instant (UTC) of <paramref name="timeOfDay"/> on the first day of <paramref name="month"/> in site time.</summary>
    public static DateTimeOffset DueAt(BillingMonth month, TimeSpan timeOfDay, TimeZoneInfo zone) =>
        SiteTime.MidnightUtc(month.FirstDay, zone) + timeOfDay;

    /// <summary>The site-local month an instant falls in.</summary>
    public static BillingMonth Of(DateTimeOffset at, TimeZoneInfo zone) => BillingMonth.Of(SiteTime.Today(at, zone));

    /// <summary>The month after.</summary>
    public static BillingMonth Next(BillingMonth month) => BillingMonth.Of(month.FirstDay.AddMonths(1));

    /// <summary>The month before.</summary>
    public static BillingMonth Previous(BillingMonth month) => BillingMonth.Of(month.FirstDay.AddMonths(-1));

    /// <summary>UTC bounds [start, end) of a site-local month.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) Bounds(BillingMonth month, TimeZoneInfo zone) =>
        (SiteTime.MidnightUtc(month.FirstDay, zone), SiteTime.MidnightUtc(month.FirstDay.AddMonths(1), zone));

    /// <summary>
    /// The months whose deadline has passed at <paramref name="now"/>, oldest first, from <paramref name="earliest"/>
    /// but at most <paramref name="maxMonths"/> of them (the latest ones): what a catch-up may still produce.
    /// <paramref name="offsetMonths"/> 0 means the deadline is in the month itself (a fee on the 1st), 1 that it is
    /// on the 1st of the following month (sharing of the month just ended).
    /// </summary>
    public static IReadOnlyList<BillingMonth> Due(
        DateTimeOffset now, TimeZoneInfo zone, TimeSpan timeOfDay, int offsetMonths, BillingMonth earliest, int maxMonths)
    {
        var latest = Of(now, zone);
        for (var i = 0; i < offsetMonths; i++)
        {
            latest = Previous(latest);
        }

        var deadlineMonth = latest;
        for (var i = 0; i < offsetMonths; i++)
        {
            deadlineMonth = Next(deadlineMonth);
        }

        if (now < DueAt(deadlineMonth, timeOfDay, zone))
        {
            latest = Previous(latest);
        }

        var months = new List<BillingMonth>();
        for (var m = latest; m.FirstDay >= earliest.FirstDay && months.Count < maxMonths; m = Previous(m))
        {
            months.Add(m);
        }

        months.Reverse();
        return months;
    }
}
