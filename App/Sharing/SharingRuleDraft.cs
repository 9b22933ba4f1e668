using Prepaid.Domain.Billing;

namespace Prepaid.App.Sharing;

/// <summary>What an editor submits for a rule: <see cref="Id"/> null creates one.</summary>
/// <param name="TenantKeyValues">Tenant id to ratio (fixed ratio) or fee in yuan (fixed fee); values are ignored
/// and stored as zero for the other keys, whose values come from the data of the month.</param>
public sealed record SharingRuleDraft(
    int? Id,
    int SiteId,
    string Name,
    SharingKey Key,
    decimal LossAllowanceRate,
    DateOnly EffectiveFrom,
    bool Active,
    IReadOnlyDictionary<int, decimal> TenantKeyValues,
    IReadOnlyCollection<int> MeterIds);
