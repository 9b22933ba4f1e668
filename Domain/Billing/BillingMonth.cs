using System.Globalization;

namespace Prepaid.Domain.Billing;

/// <summary>A calendar month in site time, the period of property fees and public-area sharing.</summary>
public readonly record struct BillingMonth
{
    /// <summary>Creates the month.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Year outside 1 to 9999 or month outside 1 to 12.</exception>
    public BillingMonth(int year, int month)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        Year = year;
        Month = month;
    }

    /// <summary>The year.</summary>
    public int Year { get; }

    /// <summary>The month, 1 to 12.</summary>
    public int Month { get; }

    /// <summary>The first day of the month.</summary>
    public DateOnly FirstDay => new(Year, Month, 1);

    /// <summary>The month a site-local date falls in.</summary>
    public static BillingMonth Of(DateOnly date) => new(date.Year, date.Month);

    /// <summary>The month as yyyy-MM, as used in idempotency keys.</summary>
    public override string ToString() => FirstDay.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
