using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Prepaid.Domain.Tariffs;

namespace Prepaid.App.Persistence;

/// <summary>The site's time zone, which defines days and months, and how screens and exports write site time.</summary>
public static class SiteTime
{
    /// <summary>The zone of a site's id, or fixed UTC+8 when this host does not know the id.</summary>
    public static TimeZoneInfo Zone(string? id) =>
        id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : SiteTimeZone.FixedChinaStandardTime;

    /// <summary>The zone of the first (in practice the only) site.</summary>
    public static async Task<TimeZoneInfo> FirstSiteZoneAsync(PrepaidDb db, CancellationToken cancellationToken) =>
        Zone(await db.Sites.OrderBy(s => s.Id).Select(s => s.TimeZoneId).FirstOrDefaultAsync(cancellationToken));

    /// <summary>The site-local day of an instant.</summary>
    public static DateOnly Today(DateTimeOffset now, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);

    /// <summary>The instant (UTC) at which a site-local day starts.</summary>
    public static DateTimeOffset MidnightUtc(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>An instant as site time for screens and exports; empty when there is none.</summary>
    public static string Format(DateTimeOffset? at, TimeZoneInfo zone) =>
        at is { } value ? TimeZoneInfo.ConvertTime(value, zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "";
}
