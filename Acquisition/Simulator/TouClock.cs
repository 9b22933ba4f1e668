using Prepaid.Domain.Tariffs;

namespace Prepaid.Acquisition.Simulator;

/// <summary>Which TOU rate applies at an instant, in the site's zone; flat when there is no schedule.</summary>
public sealed class TouClock(TouSchedule? schedule, TimeZoneInfo zone)
{
    private readonly TimeZoneInfo _zone = zone ?? throw new ArgumentNullException(nameof(zone));

    /// <summary>The rate at <paramref name="instant"/>; deep valley counts as valley, as on 4-rate meters.</summary>
    public TouRate RateAt(DateTimeOffset instant)
    {
        if (schedule is null)
        {
            return TouRate.Flat;
        }

        var local = TimeZoneInfo.ConvertTime(instant, _zone).DateTime;
        var rate = schedule.DayScheduleOn(DateOnly.FromDateTime(local)).RateAt(TimeOnly.FromDateTime(local));
        return rate == TouRate.DeepValley ? TouRate.Valley : rate;
    }

    /// <summary>Site-local time of <paramref name="instant"/>.</summary>
    public DateTime LocalTime(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, _zone).DateTime;
}
