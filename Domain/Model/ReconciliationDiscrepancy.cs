namespace Prepaid.Domain.Model;

/// <summary>What the nightly reconciliation compared.</summary>
public enum DiscrepancyKind
{
    /// <summary>The meter's purchase count differs from the purchases the platform delivered.</summary>
    PurchaseCount = 0,
    /// <summary>The meter's remaining amount differs from purchases minus its consumption at its own prices.</summary>
    RemainingAmount = 1,
    /// <summary>The meter's energy (or volume) register differs from the platform's last good reading.</summary>
    Energy = 2,
    /// <summary>The meter could not be read at all.</summary>
    Unreadable = 3,
    /// <summary>A purchase of the platform is still undelivered or needs an operator.</summary>
    UndeliveredPurchase = 4,
}

/// <summary>One difference between what the platform expects of a meter-billing meter and what it reports.</summary>
public sealed class ReconciliationDiscrepancy
{
    /// <summary>Primary key.</summary>
    public long Id { get; set; }
    /// <summary>The site-local day reconciled (the night's run).</summary>
    public DateOnly RunDate { get; set; }
    /// <summary>The meter.</summary>
    public int MeterId { get; set; }
    /// <summary>The account, if any.</summary>
    public int? AccountId { get; set; }
    /// <summary>What differs.</summary>
    public DiscrepancyKind Kind { get; set; }
    /// <summary>What the platform expects (yuan, count or kWh).</summary>
    public decimal? Expected { get; set; }
    /// <summary>What the meter reports.</summary>
    public decimal? Reported { get; set; }
    /// <summary>Explanation in words.</summary>
    public required string Detail { get; set; }
    /// <summary>When it was found.</summary>
    public DateTimeOffset FoundAt { get; set; }
}
