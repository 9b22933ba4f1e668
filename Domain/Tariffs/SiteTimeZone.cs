namespace Prepaid.Domain.Tariffs;

/// <summary>Time zones for tariff pricing. Domain does not look zones up itself: the host resolves the id.</summary>
public static class SiteTimeZone
{
    /// <summary>The site default, an IANA id: TOU periods, days and months follow this zone.</summary>
    public const string DefaultId = "Asia/Shanghai";

    /// <summary>
    /// UTC+8 without daylight saving, built in memory. Equal to Asia/Shanghai for every date since 1992,
    /// for hosts or tests without a time zone database.
    /// </summary>
    public static TimeZoneInfo FixedChinaStandardTime { get; } =
        TimeZoneInfo.CreateCustomTimeZone("UTC+08 China Standard Time", TimeSpan.FromHours(8), "China Standard Time", "China Standard Time");
}
