using System.Globalization;
using System.Text.Json.Serialization;

namespace Prepaid.Domain.Tariffs;

/// <summary>A day of the year without a year (season edges), written "MM-dd". 02-29 is allowed.</summary>
[JsonConverter(typeof(MonthDayJsonConverter))]
public readonly record struct MonthDay : IComparable<MonthDay>
{
    // 2000 is a leap year, so every MonthDay including 02-29 has a day number on this grid.
    private const int LeapYear = 2000;

    /// <summary>Creates a month-day; throws when the day does not exist in a leap year.</summary>
    public MonthDay(int month, int day)
    {
        if (month is < 1 or > 12)
        {
            throw new ArgumentOutOfRangeException(nameof(month), month, "Month must be 1 to 12.");
        }

        if (day < 1 || day > DateTime.DaysInMonth(LeapYear, month))
        {
            throw new ArgumentOutOfRangeException(nameof(day), day, $"Month {month} has no day {day}.");
        }

        Month = month;
        Day = day;
    }

    /// <summary>Month 1-12.</summary>
    public int Month { get; }

    /// <summary>Day of the month.</summary>
    public int Day { get; }

    /// <summary>Day number 1-366 on a leap-year calendar, so 02-29 has its own number.</summary>
    public int DayOfLeapYear => new DateOnly(LeapYear, Month, Day).DayOfYear;

    /// <summary>The month-day of a date.</summary>
    public static MonthDay FromDate(DateOnly date) => new(date.Month, date.Day);

    /// <summary>The month-day for a day number on the leap-year calendar (1-366).</summary>
    public static MonthDay FromDayOfLeapYear(int dayOfLeapYear) =>
        FromDate(new DateOnly(LeapYear, 1, 1).AddDays(dayOfLeapYear - 1));

    /// <summary>Parses "MM-dd".</summary>
    /// <exception cref="FormatException">The text is not a valid "MM-dd".</exception>
    public static MonthDay Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('-');
        if (parts.Length == 2
            && parts[0].Length == 2 && parts[1].Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var day)
            && month is >= 1 and <= 12
            && day >= 1 && day <= DateTime.DaysInMonth(LeapYear, month))
        {
            return new MonthDay(month, day);
        }

        throw new FormatException($"'{text}' is not a month-day in the form MM-dd (for example 07-01).");
    }

    /// <inheritdoc />
    public int CompareTo(MonthDay other) => DayOfLeapYear.CompareTo(other.DayOfLeapYear);

    /// <summary>"MM-dd".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Month:00}-{Day:00}");
}
