namespace Prepaid.Domain.Model;

/// <summary>How far platform billing has charged one meter's 15-minute intervals.</summary>
public sealed class PlatformBillingCursor
{
    /// <summary>The meter; also the primary key.</summary>
    public int MeterId { get; set; }
    /// <summary>UTC end of the last charged interval; intervals starting at or after it are still to charge.</summary>
    public DateTimeOffset BilledUntil { get; set; }
    /// <summary>Site-local year of the tier usage below (0 before the first charge).</summary>
    public int UsageYear { get; set; }
    /// <summary>Site-local month (1-12) of the tier usage below.</summary>
    public int UsageMonth { get; set; }
    /// <summary>Units charged in that month up to <see cref="BilledUntil"/> (tiered plans compare with it).</summary>
    public decimal MonthToDate { get; set; }
    /// <summary>Units charged in that year up to <see cref="BilledUntil"/>.</summary>
    public decimal YearToDate { get; set; }
}
