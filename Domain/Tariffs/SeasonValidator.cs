namespace Prepaid.Domain.Tariffs;

/// <summary>Seasons must cover every day of a leap year exactly once and name existing day schedules.</summary>
internal static class SeasonValidator
{
    private const int DaysInLeapYear = 366;

    public static void Validate(TouSchedule tou, HashSet<string> dayScheduleNames, IssueList errors)
    {
        var seasons = tou.Seasons;
        if (seasons.Count == 0)
        {
            if (tou.DaySchedules.Count > 1)
            {
                errors.Add("Tariff.Season.NoSeasons", $"The TOU schedule has {tou.DaySchedules.Count} day schedules but no seasons to choose between them.", tou.DaySchedules.Count);
            }

            return;
        }

        if (seasons.Count > TouSchedule.MaxSeasons)
        {
            errors.Add("Tariff.Season.TooMany", $"The TOU schedule has {seasons.Count} seasons; a meter holds at most {TouSchedule.MaxSeasons}.", seasons.Count, TouSchedule.MaxSeasons);
        }

        // owner[d] = index of the season covering leap-year day d (1-based), or -1.
        var owner = Enumerable.Repeat(-1, DaysInLeapYear + 1).ToArray();
        for (var i = 0; i < seasons.Count; i++)
        {
            var season = seasons[i];
            var label = $"Season {i + 1} '{season.Name}' ({season.From}..{season.To})";
            if (!dayScheduleNames.Contains(season.DaySchedule))
            {
                errors.Add("Tariff.Season.UnknownDay", $"{label} uses day schedule '{season.DaySchedule}', which does not exist.", i + 1, season.Name, season.From.ToString(), season.To.ToString(), season.DaySchedule);
            }

            var overlapReported = false;
            foreach (var day in DaysOf(season))
            {
                if (owner[day] < 0)
                {
                    owner[day] = i;
                }
                else if (!overlapReported)
                {
                    var other = seasons[owner[day]];
                    errors.Add("Tariff.Season.Overlap", $"{label} overlaps season {owner[day] + 1} '{other.Name}' from {MonthDay.FromDayOfLeapYear(day)}.", i + 1, season.Name, season.From.ToString(), season.To.ToString(), owner[day] + 1, other.Name, MonthDay.FromDayOfLeapYear(day).ToString());
                    overlapReported = true;
                }
            }
        }

        // A schedule no season picks is priced nowhere: almost always a forgotten season.
        foreach (var unused in dayScheduleNames.Where(n => seasons.All(s => s.DaySchedule != n)).Order(StringComparer.Ordinal))
        {
            errors.Add("Tariff.Season.DayUnused", $"Day schedule '{unused}' is not used by any season.", unused);
        }

        foreach (var (from, to) in UncoveredRanges(owner))
        {
            var february = to == new MonthDay(2, 29) || from == new MonthDay(2, 29);
            var hint = february ? " (a season ending in February must end on 02-29)" : string.Empty;
            errors.Add(february ? "Tariff.Season.UncoveredFeb" : "Tariff.Season.Uncovered",
                $"No season covers {from}..{to}{hint}; seasons must cover the whole year.", from.ToString(), to.ToString());
        }
    }

    private static IEnumerable<int> DaysOf(Season season)
    {
        var from = season.From.DayOfLeapYear;
        var to = season.To.DayOfLeapYear;
        var count = to >= from ? to - from + 1 : DaysInLeapYear - from + 1 + to;
        for (var k = 0; k < count; k++)
        {
            yield return ((from - 1 + k) % DaysInLeapYear) + 1;
        }
    }

    private static IEnumerable<(MonthDay From, MonthDay To)> UncoveredRanges(int[] owner)
    {
        var day = 1;
        while (day <= DaysInLeapYear)
        {
            if (owner[day] >= 0)
            {
                day++;
                continue;
            }

            var start = day;
            while (day <= DaysInLeapYear && owner[day] < 0)
            {
                day++;
            }

            yield return (MonthDay.FromDayOfLeapYear(start), MonthDay.FromDayOfLeapYear(day - 1));
        }
    }
}
