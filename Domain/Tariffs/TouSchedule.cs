using System.Text.Json.Serialization;

namespace Prepaid.Domain.Tariffs;

/// <summary>The time-of-use part of a plan: rate prices, day schedules and the seasons that pick them.</summary>
public sealed record TouSchedule
{
    /// <summary>Most seasons a meter holds.</summary>
    public const int MaxSeasons = 4;

    /// <summary>One price per rate used, at most one entry per rate (so at most 5).</summary>
    [JsonPropertyName("rates")]
    public required IReadOnlyList<RatePrice> Rates { get; init; }

    /// <summary>Day schedules, referred to by name from <see cref="Seasons"/>.</summary>
    [JsonPropertyName("daySchedules")]
    public required IReadOnlyList<DaySchedule> DaySchedules { get; init; }

    /// <summary>Seasons covering the whole year; may be empty only when there is exactly one day schedule.</summary>
    [JsonPropertyName("seasons")]
    public IReadOnlyList<Season> Seasons { get; init; } = [];

    /// <summary>The price of a rate, or null when the plan does not price it.</summary>
    public decimal? PriceOf(TouRate rate) => Rates.FirstOrDefault(r => r.Rate == rate)?.Price;

    /// <summary>The day schedule in force on a site-local date. Assumes a valid schedule.</summary>
    public DaySchedule DayScheduleOn(DateOnly date)
    {
        if (Seasons.Count == 0)
        {
            return DaySchedules[0];
        }

        var day = MonthDay.FromDate(date);
        var season = Seasons.First(s => s.Contains(day));
        return DaySchedules.First(d => d.Name == season.DaySchedule);
    }
}
