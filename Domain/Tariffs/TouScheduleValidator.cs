namespace Prepaid.Domain.Tariffs;

/// <summary>Rules of a TOU schedule: rates, day schedules (segments) and seasons.</summary>
internal static class TouScheduleValidator
{
    public static void Validate(TouSchedule tou, IssueList errors)
    {
        var priced = CheckRates(tou, errors);
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (tou.DaySchedules.Count == 0)
        {
            errors.Add("Tariff.Tou.NoDaySchedule", "The TOU schedule has no day schedule.");
        }

        for (var i = 0; i < tou.DaySchedules.Count; i++)
        {
            var day = tou.DaySchedules[i];
            if (string.IsNullOrWhiteSpace(day.Name))
            {
                errors.Add("Tariff.Tou.DayNoName", $"Day schedule {i + 1} has no name.", i + 1);
            }
            else if (!names.Add(day.Name))
            {
                errors.Add("Tariff.Tou.DayNameTwice", $"Day schedule name '{day.Name}' is used twice.", day.Name);
            }

            CheckSegments(day, priced, errors);
        }

        SeasonValidator.Validate(tou, names, errors);
    }

    private static HashSet<TouRate> CheckRates(TouSchedule tou, IssueList errors)
    {
        var priced = new HashSet<TouRate>();
        if (tou.Rates.Count == 0)
        {
            errors.Add("Tariff.Tou.NoRate", "The TOU schedule prices no rate.");
        }

        foreach (var rate in tou.Rates)
        {
            if (!Enum.IsDefined(rate.Rate))
            {
                errors.Add("Tariff.Tou.UnknownRate", $"Unknown rate {(int)rate.Rate}.", (int)rate.Rate);
            }
            else if (!priced.Add(rate.Rate))
            {
                errors.Add("Tariff.Tou.RateTwice", $"Rate {rate.Rate} is priced twice.", rate.Rate);
            }

            PriceRules.Check(rate.Price, $"The {rate.Rate} price", errors, "Tariff.RatePrice", rate.Rate);
        }

        return priced;
    }

    private static void CheckSegments(DaySchedule day, HashSet<TouRate> priced, IssueList errors)
    {
        var segments = day.Segments;
        var where = $"Day schedule '{day.Name}'";
        if (segments.Count == 0)
        {
            errors.Add("Tariff.Tou.NoSegment", $"{where} has no segment; the first must start at 00:00.", day.Name);
            return;
        }

        if (segments.Count > DaySchedule.MaxSegments)
        {
            errors.Add("Tariff.Tou.TooManySegments", $"{where} has {segments.Count} segments; a meter holds at most {DaySchedule.MaxSegments}.", day.Name, segments.Count, DaySchedule.MaxSegments);
        }

        if (segments[0].Start != TimeOnly.MinValue)
        {
            errors.Add("Tariff.Tou.FirstNotMidnight", $"{where} segment 1 starts at {segments[0].Start:HH\\:mm}; the first segment must start at 00:00 so the day is covered.", day.Name, Hm(segments[0].Start));
        }

        for (var i = 0; i < segments.Count; i++)
        {
            var segment = segments[i];
            var label = $"{where} segment {i + 1} ({segment.Start:HH\\:mm})";
            if (segment.Start.Second != 0 || segment.Start.Millisecond != 0 || segment.Start.Microsecond != 0)
            {
                errors.Add("Tariff.Tou.NotWholeMinute", $"{label} does not start on a whole minute.", day.Name, i + 1, Hm(segment.Start));
            }

            if (i > 0 && segment.Start <= segments[i - 1].Start)
            {
                errors.Add("Tariff.Tou.NotIncreasing", $"{label} does not start after segment {i} ({segments[i - 1].Start:HH\\:mm}); segment starts must be strictly increasing.", day.Name, i + 1, Hm(segment.Start), i, Hm(segments[i - 1].Start));
            }

            if (!priced.Contains(segment.Rate))
            {
                errors.Add("Tariff.Tou.RateUnpriced", $"{label} uses rate {segment.Rate}, which has no price.", day.Name, i + 1, Hm(segment.Start), segment.Rate);
            }
        }
    }

    private static string Hm(TimeOnly time) => time.ToString("HH\\:mm", System.Globalization.CultureInfo.InvariantCulture);
}
