using System.Text.Json.Serialization;

namespace Prepaid.Domain.Tariffs;

/// <summary>
/// One segment of a day schedule. A segment has only a start: it lasts until the next segment's start
/// (the last one until midnight), so gaps and overlaps cannot be expressed.
/// </summary>
public sealed record TouSegment
{
    /// <summary>Site-local start time, whole minutes.</summary>
    [JsonPropertyName("start")]
    [JsonConverter(typeof(TimeOfDayJsonConverter))]
    public required TimeOnly Start { get; init; }

    /// <summary>The rate that applies from <see cref="Start"/>.</summary>
    [JsonPropertyName("rate")]
    public required TouRate Rate { get; init; }
}
