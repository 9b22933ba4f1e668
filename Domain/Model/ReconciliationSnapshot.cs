namespace Prepaid.Domain.Model;

/// <summary>
/// What a meter-billing meter reported at a nightly reconciliation; the next night's expectations start from it.
/// One row per meter and site-local run date.
/// </summary>
public sealed class ReconciliationSnapshot
{
    /// <summary>Primary key.</summary>
    public long Id { get; set; }
    /// <summary>The meter.</summary>
    public int MeterId { get; set; }
    /// <summary>The site-local day of the run.</summary>
    public DateOnly RunDate { get; set; }
    /// <summary>Source time of the reading the values come from.</summary>
    public DateTimeOffset ReadAt { get; set; }
    /// <summary>Remaining amount in yuan.</summary>
    public decimal? RemainingYuan { get; set; }
    /// <summary>Purchase count.</summary>
    public int? PurchaseCount { get; set; }
    /// <summary>Total energy in kWh (electricity) or volume in m3 (water).</summary>
    public decimal? Counter { get; set; }
    /// <summary>Sharp register in kWh.</summary>
    public decimal? SharpKwh { get; set; }
    /// <summary>Peak register in kWh.</summary>
    public decimal? PeakKwh { get; set; }
    /// <summary>Flat register in kWh.</summary>
    public decimal? FlatKwh { get; set; }
    /// <summary>Valley register in kWh.</summary>
    public decimal? ValleyKwh { get; set; }
}
