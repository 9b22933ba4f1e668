using Prepaid.Domain.Billing;

namespace Prepaid.App.Persistence.Entities;

/// <summary>
/// A tenant's monthly property fee: fixed, or a rate per square metre of leased area, charged from
/// <see cref="EffectiveFrom"/> (the first day of a site-local month) on. One row per tenant; a change is
/// audited with the values before and after.
/// </summary>
public sealed class PropertyFeeSetting
{
    public int Id { get; set; }
    public int TenantId { get; set; }
    public PropertyFeeBasis Basis { get; set; }
    /// <summary>Yuan per month (fixed, whole fen) or yuan per m2 per month (at most 4 decimals).</summary>
    public decimal Rate { get; set; }
    /// <summary>First day of the first month charged.</summary>
    public DateOnly EffectiveFrom { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
}
