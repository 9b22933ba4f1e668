namespace Prepaid.Domain.Metering;

/// <summary>Daily or monthly freeze of a register.</summary>
public enum FreezeKind
{
    /// <summary>At site-local midnight.</summary>
    Daily,
    /// <summary>At site-local midnight on the 1st.</summary>
    Monthly,
}

/// <summary>A register value at a site-local midnight; <see cref="Period"/> is the day (or month's first day) that starts there.</summary>
public readonly record struct FreezePoint(FreezeKind Kind, DateOnly Period, DateTimeOffset At, decimal Value);

/// <summary>
/// Freezes cumulative registers at site-local midnight. Readings rarely land on midnight, so the value is
/// interpolated linearly between the readings on either side (rounded to 0.0001), the same assumption the
/// interval allocation makes; a gap of several days yields one freeze per midnight crossed.
/// </summary>
public static class FreezeRule
{
    /// <summary>
    /// The freezes of every site-local midnight after <paramref name="previousAt"/> and up to and including
    /// <paramref name="currentAt"/>, oldest first; a monthly freeze accompanies the daily one on the 1st.
    /// </summary>
    public static IReadOnlyList<FreezePoint> Crossed(
        DateTimeOffset previousAt, decimal previousValue, DateTimeOffset currentAt, decimal currentValue, TimeZoneInfo zone)
    {
        if (currentAt <= previousAt)
        {
            return [];
        }

        var points = new List<FreezePoint>();
        var localPrevious = TimeZoneInfo.ConvertTime(previousAt, zone);
        var day = DateOnly.FromDateTime(localPrevious.DateTime).AddDays(1);
        while (true)
        {
            var midnightLocal = day.ToDateTime(TimeOnly.MinValue);
            var midnight = new DateTimeOffset(midnightLocal, zone.GetUtcOffset(midnightLocal));
            if (midnight > currentAt)
            {
                break;
            }

            var fraction = (decimal)(midnight - previousAt).Ticks / (currentAt - previousAt).Ticks;
            var value = decimal.Round(previousValue + ((currentValue - previousValue) * fraction), 4, MidpointRounding.AwayFromZero);
            points.Add(new FreezePoint(FreezeKind.Daily, day, midnight, value));
            if (day.Day == 1)
            {
                points.Add(new FreezePoint(FreezeKind.Monthly, day, midnight, value));
            }

            day = day.AddDays(1);
        }

        return points;
    }
}
