namespace Prepaid.Domain.Tariffs;

/// <summary>Rules of a TOU schedule: rates, day schedules (segments) and seasons.</summary>
internal static class TouScheduleValidator
{
    public static void Validate(TouSchedule tou, List<string> errors)
    {
        var priced = CheckRates(tou, errors);
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (tou.DaySchedules.Count == 0)
        {
            errors.Add("The TOU schedule has no day schedule.");
        }

        for (var i = 0; i < tou.DaySchedules.Count; i++)
        {
            var day = tou.DaySchedules[i];
            if (string.IsNullOrWhiteSpace(day.Name))
            {
                errors.Add($"Day schedule {i + 1} has no name.");
            }
            else if (!names.Add(day.Name))
            {
                errors.Add($"Day schedule name '{day.Name}' is used twice.");
            }

            CheckSegments(day, priced, errors);
        }

        SeasonValidator.Validate(tou, names, errors);
    }

    private static HashSet<TouRate> CheckRates(TouSchedule tou, List<string> errors)
    {
        var priced = new HashSet<TouRate>();
        if (tou.Rates.Count == 0)
        {
            errors.Add("The TOU schedule prices no rate.");
        }

        foreach (var rate in tou.Rates)
        {
            if (!Enum.IsDefined(rate.Rate))
            {
                errors.Add($"Unknown rate {(int)rate.Rate}.");
            }
            else if (!priced.Add(rate.Rate))
            {
                errors.Add($"Rate {rate.Rate} is priced twice.");
            }

            PriceRules.Check(rate.Price, $"The {rate.Rate} price", errors);
        }

        return priced;
    }

    private static void CheckSegments(DaySchedule day, HashSet<TouRate> priced, List<string> errors)
    {
        var segments = day.Segments;
        var where = $"Day schedule '{day.Name}'";
        if (segments.Count == 0)
        {
            errors.Add($"{where} has no segment; the first must start at 00:00.");
            return;
        }

        if (segments.Count > DaySchedule.MaxSegments)
        {
            errors.Add($"{where} has {segments.Count} segments; a meter holds at most {DaySchedule.MaxSegments}.");
        }

        if (segments[0].Start != TimeOnly.MinValue)
        {
            errors.Add($"{where} segment 1 starts at {segments[0].Start:HH\\:mm}; the first segment must start at 00:00 so the day is covered.");
        }

        for (var i = 0; i < segments.Count; i++)
        {
            var segment = segments[i];
            var label = $"{where} segment {i + 1} ({segment.Start:HH\\:mm})";
            if (segment.Start.Second != 0 || segment.Start.Millisecond != 0 || segment.Start.Microsecond != 0)
            {
                errors.Add($"{label} does not start on a whole minute.");
            }

            if (i > 0 && segment.Start <= segments[i - 1].Start)
            {
                errors.Add($"{label} does not start after segment {i} ({segments[i - 1].Start:HH\\:mm}); segment starts must be strictly increasing.");
            }

            if (!priced.Contains(segment.Rate))
            {
                errors.Add($"{label} uses rate {segment.Rate}, which has no price.");
            }
        }
    }
}
