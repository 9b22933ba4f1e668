using System.Text.Json.Serialization;

namespace Prepaid.Domain.Tariffs;

/// <summary>
/// A season: an inclusive range of month-days using one day schedule. A range may wrap the year end
/// (From 11-01, To 02-29). Coverage is checked on a leap-year calendar, so a season ending in February
/// ends on 02-29.
/// </summary>
public sealed record Season
{
    /// <summary>Display name, for example "summer".</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>First day, inclusive.</summary>
    [JsonPropertyName("from")]
    public required MonthDay From { get; init; }

    /// <summary>Last day, inclusive.</summary>
    [JsonPropertyName("to")]
    public required MonthDay To { get; init; }

    /// <summary>The <see cref="DaySchedule.Name"/> used on the days of this season.</summary>
    [JsonPropertyName("daySchedule")]
    public required string DaySchedule { get; init; }

    /// <summary>Whether a month-day falls in this season, including wrapped ranges.</summary>
    public bool Contains(MonthDay day) =>
        From.CompareTo(To) <= 0
            ? day.CompareTo(From) >= 0 && day.CompareTo(To) <= 0
            : day.CompareTo(From) >= 0 || day.CompareTo(To) <= 0;
}
