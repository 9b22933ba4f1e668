using System.Text.Json.Serialization;

namespace Prepaid.Domain.Tariffs;

/// <summary>A named day of TOU segments (日时段表): up to 14, the first at 00:00, starts strictly increasing.</summary>
public sealed record DaySchedule
{
    /// <summary>Most segments a meter holds for one day.</summary>
    public const int MaxSegments = 14;

    /// <summary>Name that seasons refer to, unique in the plan.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>Segments ordered by start.</summary>
    [JsonPropertyName("segments")]
    public required IReadOnlyList<TouSegment> Segments { get; init; }

    /// <summary>The rate in force at a time of day. Assumes a valid schedule.</summary>
    public TouRate RateAt(TimeOnly time)
    {
        var rate = Segments[0].Rate;
        foreach (var segment in Segments)
        {
            if (segment.Start > time)
            {
                break;
            }

            rate = segment.Rate;
        }

        return rate;
    }
}
