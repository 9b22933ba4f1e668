namespace Prepaid.Domain.Tariffs;

/// <summary>
/// Cuts [start, end) at every site-local midnight (so also at season edges, version changes and month
/// ends) and, when asked, at every TOU segment start. Works on UTC ticks so that a zone with daylight
/// saving still gives real elapsed time; a boundary in a skipped (non-existent) local hour is dropped.
/// </summary>
internal static class TimeSlicer
{
    public static List<TimeSlice> Slice(Tariff tariff, TimeZoneInfo zone, DateTimeOffset start, DateTimeOffset end, bool atSegments)
    {
        var startTicks = start.UtcTicks;
        var endTicks = end.UtcTicks;
        var cuts = new SortedSet<long>();
        var lastDate = LocalDate(end, zone);
        for (var date = LocalDate(start, zone); date <= lastDate; date = date.AddDays(1))
        {
            AddCut(cuts, zone, date, TimeOnly.MinValue, startTicks, endTicks);
            if (atSegments && tariff.VersionOn(date).Tou is { } tou)
            {
                foreach (var segment in tou.DayScheduleOn(date).Segments)
                {
                    AddCut(cuts, zone, date, segment.Start, startTicks, endTicks);
                }
            }
        }

        cuts.Add(endTicks);
        var slices = new List<TimeSlice>(cuts.Count);
        var from = startTicks;
        foreach (var to in cuts)
        {
            var local = TimeZoneInfo.ConvertTime(new DateTimeOffset(from, TimeSpan.Zero), zone).DateTime;
            var localDate = DateOnly.FromDateTime(local);
            slices.Add(new TimeSlice(from, to, localDate, TimeOnly.FromDateTime(local), tariff.VersionOn(localDate)));
            from = to;
        }

        return slices;
    }

    private static DateOnly LocalDate(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    private static void AddCut(SortedSet<long> cuts, TimeZoneInfo zone, DateOnly date, TimeOnly time, long startTicks, long endTicks)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            return;
        }

        var ticks = TimeZoneInfo.ConvertTimeToUtc(local, zone).Ticks;
        if (ticks > startTicks && ticks < endTicks)
        {
            cuts.Add(ticks);
        }
    }
}
