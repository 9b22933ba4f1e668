using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Prepaid.App.Fees;
using Prepaid.App.Persistence.Entities;
using Prepaid.App.Identity;
using Prepaid.App.Persistence;
using Prepaid.Domain.Billing;
using Prepaid.Domain.Model;
using Prepaid.Domain.Security;
using Prepaid.App.Kernel.Security;

namespace Prepaid.App.Fees;

public sealed record TenantFeeRow(int TenantId, string Unit, string Name, string NameEn, BusinessType BusinessType, decimal LeasedAreaM2,
    PropertyFeeBasis? Basis, decimal? Rate, DateOnly? EffectiveFrom, decimal? MonthlyFee, string? UpdatedBy);

public sealed record FeeRunRow(long Id, DateOnly Month, DateTimeOffset StartedAt, DateTimeOffset? CompletedAt, string RunBy, int TenantsCharged, int TenantsSkipped, decimal Total);

/// <summary>
/// What the property fee page reads, behind ViewConfiguration; and the fee change in bulk by business type,
/// written in one transaction by <see cref="PropertyFeeSettings.SetManyAsync"/> (which checks the
/// permission again and audits each tenant).
/// </summary>
public sealed class FeeConfigurationQuery(IDbContextFactory<PrepaidDb> factory, PropertyFeeSettings fees)
{
    public const int RunsShown = 12;

    public async Task<IReadOnlyList<TenantFeeRow>> TenantFeesAsync(ClaimsPrincipal actor, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewConfiguration);
        await using var db = await factory.CreateDbContextAsync(ct);
        var settings = await db.PropertyFeeSettings.AsNoTracking().ToDictionaryAsync(s => s.TenantId, ct);
        var tenants = await db.Tenants.AsNoTracking().OrderBy(t => t.UnitNumber).ToListAsync(ct);
        return [.. tenants.Select(t =>
        {
            var s = settings.GetValueOrDefault(t.Id);
            return new TenantFeeRow(t.Id, t.UnitNumber, t.Name, t.NameEn, t.BusinessType, t.LeasedAreaM2, s?.Basis, s?.Rate, s?.EffectiveFrom,
                s is null ? null : MonthlyFee(s, t.LeasedAreaM2), s?.UpdatedBy);
        })];
    }

    public async Task<IReadOnlyList<FeeRunRow>> FeeRunsAsync(ClaimsPrincipal actor, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewConfiguration);
        await using var db = await factory.CreateDbContextAsync(ct);
        var runs = await db.PropertyFeeRuns.AsNoTracking().OrderByDescending(r => r.Month).ThenByDescending(r => r.Id).Take(RunsShown).ToListAsync(ct);
        return [.. runs.Select(r => new FeeRunRow(r.Id, r.Month, r.StartedAt, r.CompletedAt, r.RunBy, r.TenantsCharged, r.TenantsSkipped, r.Total))];
    }

    public async Task<TimeZoneInfo> ZoneAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await SiteTime.FirstSiteZoneAsync(db, ct);
    }

    public async Task<int> SiteIdAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Sites.OrderBy(s => s.Id).Select(s => s.Id).FirstAsync(ct);
    }

    /// <summary>
    /// Sets the same fee for every tenant of <paramref name="type"/> in one transaction; refuses (writing nothing) when the
    /// rule fails for any of them. Returns how many tenants were set.
    /// </summary>
    public async Task<int> SetForBusinessTypeAsync(ClaimsPrincipal actor, BusinessType type, PropertyFeeBasis basis, decimal rate, DateOnly effectiveFrom,
        string? address, CancellationToken ct = default)
    {
        actor.Demand(Permission.EditConfiguration);
        List<int> tenants;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            tenants = await db.Tenants.AsNoTracking().Where(t => t.BusinessType == type).Select(t => t.Id).ToListAsync(ct);
        }

        return tenants.Count == 0 ? 0 : await fees.SetManyAsync(actor, tenants, basis, rate, effectiveFrom, address, ct);
    }

    private static decimal? MonthlyFee(PropertyFeeSetting s, decimal area)
    {
        try
        {
            return PropertyFee.Amount(new PropertyFeeRule(s.Basis, s.Rate), area);
        }
        catch (BillingValidationException)
        {
            return null;
        }
    }
}
