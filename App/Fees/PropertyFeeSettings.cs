using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Prepaid.App.Kernel.Security;
using Prepaid.App.Persistence;
using Prepaid.Domain;
using Prepaid.Domain.Billing;
using Prepaid.Domain.Model;
using Prepaid.Domain.Security;

using Prepaid.App.Persistence.Entities;
namespace Prepaid.App.Fees;

/// <summary>Reads and changes tenants' property fee settings; changes need EditConfiguration and are audited.</summary>
public sealed class PropertyFeeSettings(IDbContextFactory<PrepaidDb> dbFactory, AuditLog audit, TimeProvider time)
{
    public async Task<PropertyFeeSetting?> GetAsync(int tenantId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.PropertyFeeSettings.AsNoTracking().SingleOrDefaultAsync(s => s.TenantId == tenantId, cancellationToken);
    }

    /// <summary>Sets (creates or replaces) a tenant's fee. Nothing changes when a rule is broken.</summary>
    /// <exception cref="PermissionDeniedException">The actor may not edit configuration.</exception>
    /// <exception cref="BillingValidationException">Unknown tenant, a bad rate, or a start that is not the 1st of a month.</exception>
    public async Task<PropertyFeeSetting> SetAsync(
        ClaimsPrincipal actor, int tenantId, PropertyFeeBasis basis, decimal rate, DateOnly effectiveFrom, string? address, CancellationToken cancellationToken)
    {
        actor.Demand(Permission.EditConfiguration);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var tenant = await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Id == tenantId, cancellationToken)
            ?? throw new BillingValidationException([new ValidationIssue("Fee.NoTenant", [tenantId], $"No tenant with id {tenantId}.")]);
        Validate(tenant, basis, rate, effectiveFrom);
        var setting = await db.PropertyFeeSettings.SingleOrDefaultAsync(s => s.TenantId == tenantId, cancellationToken);
        var before = setting is null ? null : new { basis = setting.Basis.ToString(), setting.Rate, setting.EffectiveFrom };
        if (setting is null)
        {
            setting = new PropertyFeeSetting { TenantId = tenantId, UpdatedBy = "" };
            db.PropertyFeeSettings.Add(setting);
        }

        setting.Basis = basis;
        setting.Rate = rate;
        setting.EffectiveFrom = effectiveFrom;
        setting.UpdatedAt = time.GetUtcNow();
        setting.UpdatedBy = actor.Identity!.Name!;
        await db.SaveChangesAsync(cancellationToken);
        await audit.WriteAsync(AuditKind.ConfigurationChange, "property-fee.set", setting.UpdatedBy, address, $"tenant:{tenantId}",
            before, new { basis = basis.ToString(), rate, effectiveFrom, tenant = tenant.UnitNumber }, cancellationToken);
        return setting;
    }

    /// <summary>
    /// Sets the same fee for every tenant in <paramref name="tenantIds"/> in one transaction: all of them or none. Every
    /// tenant is checked before anything is written; each change is audited (as <c>property-fee.set</c>) once committed.
    /// </summary>
    /// <exception cref="PermissionDeniedException">The actor may not edit configuration.</exception>
    /// <exception cref="BillingValidationException">A tenant is unknown or the rule fails for one of them.</exception>
    public async Task<int> SetManyAsync(
        ClaimsPrincipal actor, IReadOnlyCollection<int> tenantIds, PropertyFeeBasis basis, decimal rate, DateOnly effectiveFrom, string? address, CancellationToken cancellationToken)
    {
        actor.Demand(Permission.EditConfiguration);
        var ids = tenantIds.Distinct().ToList();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var tenants = await db.Tenants.AsNoTracking().Where(t => ids.Contains(t.Id)).OrderBy(t => t.UnitNumber).ToListAsync(cancellationToken);
        var issues = new List<ValidationIssue>();
        issues.AddRange(ids.Except(tenants.Select(t => t.Id)).Select(id => new ValidationIssue("Fee.NoTenant", [id], $"No tenant with id {id}.")));
        foreach (var tenant in tenants)
        {
            try
            {
                Validate(tenant, basis, rate, effectiveFrom);
            }
            catch (BillingValidationException e)
            {
                issues.AddRange(e.Issues);
            }
        }

        if (issues.Count > 0)
        {
            // The same rule broken by many tenants is one reason, not hundreds.
            throw new BillingValidationException([.. issues.DistinctBy(i => i.English)]);
        }

        var settings = await db.PropertyFeeSettings.Where(s => ids.Contains(s.TenantId)).ToDictionaryAsync(s => s.TenantId, cancellationToken);
        var by = actor.Identity!.Name!;
        var now = time.GetUtcNow();
        var changes = new List<(Tenant Tenant, object? Before)>();
        foreach (var tenant in tenants)
        {
            settings.TryGetValue(tenant.Id, out var setting);
            changes.Add((tenant, setting is null ? null : new { basis = setting.Basis.ToString(), setting.Rate, setting.EffectiveFrom }));
            if (setting is null)
            {
                setting = new PropertyFeeSetting { TenantId = tenant.Id, UpdatedBy = "" };
                db.PropertyFeeSettings.Add(setting);
            }

            setting.Basis = basis;
            setting.Rate = rate;
            setting.EffectiveFrom = effectiveFrom;
            setting.UpdatedAt = now;
            setting.UpdatedBy = by;
        }

        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        foreach (var (tenant, before) in changes)
        {
            await audit.WriteAsync(AuditKind.ConfigurationChange, "property-fee.set", by, address, $"tenant:{tenant.Id}",
                before, new { basis = basis.ToString(), rate, effectiveFrom, tenant = tenant.UnitNumber }, cancellationToken);
        }

        return tenants.Count;
    }

    /// <summary>The rules a setting must meet (the fee rule's own, and a start on the 1st of a month).</summary>
    public static void Validate(Tenant tenant, PropertyFeeBasis basis, decimal rate, DateOnly effectiveFrom)
    {
        if (!Enum.IsDefined(basis))
        {
            throw new BillingValidationException([new ValidationIssue("Fee.UnknownBasis", [basis], $"Unknown property fee basis {basis}.")]);
        }

        var errors = new IssueList();
        if (effectiveFrom.Day != 1)
        {
            errors.Add("Fee.NotFirstOfMonth", $"A property fee starts on the 1st of a month, not on {effectiveFrom:yyyy-MM-dd}.", effectiveFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        try
        {
            PropertyFee.Amount(new PropertyFeeRule(basis, rate), tenant.LeasedAreaM2);
        }
        catch (BillingValidationException e)
        {
            errors.AddRange(e.Issues);
        }

        if (errors.Count > 0)
        {
            throw new BillingValidationException(errors.Issues);
        }
    }
}
