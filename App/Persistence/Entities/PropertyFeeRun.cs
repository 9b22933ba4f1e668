namespace Prepaid.App.Persistence.Entities;

/// <summary>
/// One month's property fee run: at most one per site and month. It is created before the first entry is posted
/// and completed after the last, so a run interrupted by a stop is finished by the next start's catch-up.
/// </summary>
public sealed class PropertyFeeRun
{
    public long Id { get; set; }
    public int SiteId { get; set; }
    /// <summary>First day of the month charged.</summary>
    public DateOnly Month { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    /// <summary>Null while the run is unfinished.</summary>
    public DateTimeOffset? CompletedAt { get; set; }
    public required string RunBy { get; set; }
    public int TenantsCharged { get; set; }
    /// <summary>Sum of the fees posted in this month, in yuan.</summary>
    public decimal Total { get; set; }
    public int TenantsSkipped { get; set; }
    public List<PropertyFeeRunItem> Items { get; set; } = [];
}

/// <summary>What the run did for one tenant.</summary>
public enum PropertyFeeItemOutcome
{
    /// <summary>The fee was posted.</summary>
    Charged = 0,
    /// <summary>The month's key was already in the ledger (posted by an earlier, interrupted run).</summary>
    AlreadyCharged = 1,
    /// <summary>The fee works out at zero.</summary>
    NoFee = 2,
    /// <summary>The tenant has no property fee configured, or not yet effective this month.</summary>
    NotConfigured = 3,
    /// <summary>The tenant has no open account.</summary>
    NoOpenAccount = 4,
    /// <summary>The rule or the ledger refused the entry; <see cref="PropertyFeeRunItem.Reason"/> says why.</summary>
    Refused = 5,
}

/// <summary>One tenant's line of a run: the fee, its basis in words, and why nothing was posted when so.</summary>
public sealed class PropertyFeeRunItem
{
    public long Id { get; set; }
    public long RunId { get; set; }
    public int TenantId { get; set; }
    public int? AccountId { get; set; }
    public PropertyFeeItemOutcome Outcome { get; set; }
    /// <summary>The fee in yuan (whole fen); zero unless charged or already charged.</summary>
    public decimal Fee { get; set; }
    /// <summary>For example "120.5 m2 x 8.5 yuan/m2 = 1024.25".</summary>
    public string? Basis { get; set; }
    public string? IdempotencyKey { get; set; }
    public decimal? BalanceAfter { get; set; }
    /// <summary>False when the balance before did not cover the fee (the arrears path).</summary>
    public bool Covered { get; set; } = true;
    public string? Reason { get; set; }
}
