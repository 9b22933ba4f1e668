namespace Prepaid.Domain.Tariffs;

/// <summary>
/// Consumption already billed in a site-local month and in its year, the state that tiered pricing
/// carries from one delta to the next. Pass <see cref="TariffCharge.UsageAfter"/> of one pricing call to
/// the next; the pricer resets the month (and year) total itself when a delta starts in a later period.
/// <c>default</c> means "nothing billed yet".
/// </summary>
/// <param name="Year">Site-local year the totals belong to (0 = none yet).</param>
/// <param name="Month">Site-local month 1-12 the month total belongs to (0 = none yet).</param>
/// <param name="MonthToDate">Units billed in that month so far.</param>
/// <param name="YearToDate">Units billed in that year so far (includes <paramref name="MonthToDate"/>).</param>
public readonly record struct TierUsage(int Year, int Month, decimal MonthToDate, decimal YearToDate)
{
    /// <summary>Usage of a month; the year total is the month total unless given.</summary>
    public static TierUsage For(int year, int month, decimal monthToDate, decimal? yearToDate = null) =>
        new(year, month, monthToDate, yearToDate ?? monthToDate);

    /// <summary>This usage moved to the period of a site-local date: totals of ended periods restart at 0.</summary>
    /// <exception cref="ArgumentException">The usage belongs to a period after <paramref name="date"/>.</exception>
    public TierUsage MovedTo(DateOnly date)
    {
        if (Year > date.Year || (Year == date.Year && Month > date.Month))
        {
            throw new ArgumentException(
                $"Tier usage is for {Year:0000}-{Month:00}, after the priced day {date:yyyy-MM-dd}.", nameof(date));
        }

        if (Year != date.Year)
        {
            return new TierUsage(date.Year, date.Month, 0m, 0m);
        }

        return Month != date.Month ? this with { Month = date.Month, MonthToDate = 0m } : this;
    }

    /// <summary>The total a tier schedule of the given period compares against its thresholds.</summary>
    public decimal In(TierPeriod period) => period == TierPeriod.Yearly ? YearToDate : MonthToDate;

    /// <summary>This usage plus more units in the same period.</summary>
    public TierUsage Add(decimal quantity) =>
        this with { MonthToDate = MonthToDate + quantity, YearToDate = YearToDate + quantity };
}
