using Prepaid.Domain.Billing;

namespace Prepaid.App.Persistence.Entities;

/// <summary>
/// A public-area sharing (公摊) rule: which public-area meters form the pool, which tenants share it by which
/// key, and the agreed loss allowance. Runs once a month for the month just ended (<see cref="SharingRun"/>).
/// </summary>
public sealed class SharingRule
{
    public int Id { get; set; }
    public int SiteId { get; set; }
    public required string Name { get; set; }
    public SharingKey Key { get; set; }
    /// <summary>Share of the pool (0 to 1, at most 4 decimals) deducted as the agreed loss allowance.</summary>
    public decimal LossAllowanceRate { get; set; }
    /// <summary>First day of the first month shared.</summary>
    public DateOnly EffectiveFrom { get; set; }
    /// <summary>False stops future runs; past runs stay.</summary>
    public bool Active { get; set; } = true;
    public DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
    public List<SharingRuleTenant> Tenants { get; set; } = [];
    public List<SharingRuleMeter> Meters { get; set; } = [];
}

/// <summary>A tenant taking part in a rule, with its ratio (fixed ratio) or fee (fixed fee); zero for other keys.</summary>
public sealed class SharingRuleTenant
{
    public int Id { get; set; }
    public int RuleId { get; set; }
    public int TenantId { get; set; }
    public decimal KeyValue { get; set; }
}

/// <summary>A public-area meter whose consumption is part of a rule's pool.</summary>
public sealed class SharingRuleMeter
{
    public int Id { get; set; }
    public int RuleId { get; set; }
    public int MeterId { get; set; }
}
