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
namespace Prepaid.App.Sharing;

/// <summary>Creates and changes sharing rules: EditConfiguration, every rule checked before anything is saved, audited.</summary>
public sealed class SharingRuleService(IDbContextFactory<PrepaidDb> dbFactory, AuditLog audit, TimeProvider time)
{
    public async Task<IReadOnlyList<SharingRule>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.SharingRules.AsNoTracking().Include(r => r.Tenants).Include(r => r.Meters).OrderBy(r => r.Id).ToListAsync(cancellationToken);
    }

    /// <exception cref="PermissionDeniedException">The actor may not edit configuration.</exception>
    /// <exception cref="BillingValidationException">Lists every broken rule; nothing was saved.</exception>
    public async Task<SharingRule> SaveAsync(ClaimsPrincipal actor, SharingRuleDraft draft, string? address, CancellationToken cancellationToken)
    {
        actor.Demand(Permission.EditConfiguration);
        ArgumentNullException.ThrowIfNull(draft);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await ValidateAsync(db, draft, cancellationToken);
        SharingRule rule;
        object? before = null;
        if (draft.Id is { } id)
        {
            rule = await db.SharingRules.Include(r => r.Tenants).Include(r => r.Meters).SingleOrDefaultAsync(r => r.Id == id, cancellationToken)
                ?? throw new BillingValidationException([new ValidationIssue("Sharing.NoRule", [id], $"No sharing rule with id {id}.")]);
            before = Describe(rule);
            db.SharingRuleTenants.RemoveRange(rule.Tenants);
            db.SharingRuleMeters.RemoveRange(rule.Meters);
            rule.Tenants = [];
            rule.Meters = [];
        }
        else
        {
            rule = new SharingRule { Name = draft.Name, UpdatedBy = "" };
            db.SharingRules.Add(rule);
        }

        rule.SiteId = draft.SiteId;
        rule.Name = draft.Name.Trim();
        rule.Key = draft.Key;
        rule.LossAllowanceRate = draft.LossAllowanceRate;
        rule.EffectiveFrom = draft.EffectiveFrom;
        rule.Active = draft.Active;
        rule.UpdatedAt = time.GetUtcNow();
        rule.UpdatedBy = actor.Identity!.Name!;
        var keyed = draft.Key is SharingKey.FixedRatio or SharingKey.FixedFee;
        rule.Tenants.AddRange(draft.TenantKeyValues.OrderBy(t => t.Key).Select(t => new SharingRuleTenant { TenantId = t.Key, KeyValue = keyed ? t.Value : 0m }));
        rule.Meters.AddRange(draft.MeterIds.Distinct().Order().Select(m => new SharingRuleMeter { MeterId = m }));
        await db.SaveChangesAsync(cancellationToken);
        await audit.WriteAsync(AuditKind.ConfigurationChange, draft.Id is null ? "sharing-rule.create" : "sharing-rule.update",
            rule.UpdatedBy, address, $"sharing-rule:{rule.Id}", before, Describe(rule), cancellationToken);
        return rule;
    }

    private static object Describe(SharingRule r) => new
    {
        r.Name,
        key = r.Key.ToString(),
        r.LossAllowanceRate,
        r.EffectiveFrom,
        r.Active,
        tenants = r.Tenants.Select(t => new { t.TenantId, t.KeyValue }),
        meters = r.Meters.Select(m => m.MeterId),
    };

    /// <summary>Every rule a draft must meet, in words; throws once with all of them.</summary>
    public static async Task ValidateAsync(PrepaidDb db, SharingRuleDraft draft, CancellationToken cancellationToken)
    {
        var errors = new IssueList();
        if (string.IsNullOrWhiteSpace(draft.Name) || draft.Name.Trim().Length > 100)
        {
            errors.Add("Sharing.BadName", "A sharing rule needs a name of 1 to 100 characters.");
        }

        if (!Enum.IsDefined(draft.Key))
        {
            errors.Add("Sharing.UnknownKey", $"Unknown sharing key {draft.Key}.", draft.Key.ToString());
        }

        if (draft.LossAllowanceRate is < 0m or > 1m || decimal.Round(draft.LossAllowanceRate, 4) != draft.LossAllowanceRate)
        {
            errors.Add("Sharing.BadLossRate", $"The loss allowance rate ({draft.LossAllowanceRate}) must be between 0 and 1 with at most 4 decimals.", draft.LossAllowanceRate);
        }

        if (draft.EffectiveFrom.Day != 1)
        {
            errors.Add("Sharing.NotFirstOfMonth", $"A sharing rule starts on the 1st of a month, not on {draft.EffectiveFrom:yyyy-MM-dd}.", draft.EffectiveFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        if (!await db.Sites.AnyAsync(s => s.Id == draft.SiteId, cancellationToken))
        {
            errors.Add("Sharing.NoSite", $"No site with id {draft.SiteId}.", draft.SiteId);
        }

        await CheckTenantsAsync(db, draft, errors, cancellationToken);
        await CheckMetersAsync(db, draft, errors, cancellationToken);
        if (errors.Count > 0)
        {
            throw new BillingValidationException(errors.Issues);
        }
    }

    private static async Task CheckTenantsAsync(PrepaidDb db, SharingRuleDraft draft, IssueList errors, CancellationToken cancellationToken)
    {
        if (draft.TenantKeyValues.Count == 0)
        {
            errors.Add("Sharing.NoTenant", "A sharing rule needs at least one tenant.");
            return;
        }

        var first = errors.Count;
        var ids = draft.TenantKeyValues.Keys.ToList();
        var tenants = await db.Tenants.AsNoTracking().Where(t => ids.Contains(t.Id) && t.SiteId == draft.SiteId).ToDictionaryAsync(t => t.Id, cancellationToken);
        errors.AddRange(ids.Where(id => !tenants.ContainsKey(id)).Select(id => new ValidationIssue("Sharing.NotSiteTenant", [id], $"Tenant {id} is not a tenant of this site.")));
        foreach (var (id, value) in draft.TenantKeyValues)
        {
            if (draft.Key == SharingKey.FixedRatio && (value <= 0m || value > 1m || decimal.Round(value, 4) != value))
            {
                errors.Add("Sharing.BadRatio", $"Tenant {id}: the ratio ({value}) must be above 0 and at most 1 with at most 4 decimals.", id, value);
            }
        }

        if (errors.Count > first || !Enum.IsDefined(draft.Key))
        {
            return;
        }

        // The domain rule's own checks (ratios summing to exactly 1, whole-fen fees, a positive area sum) on a zero pool.
        var participants = draft.TenantKeyValues.Select(t => new SharingParticipant(t.Key,
            draft.Key == SharingKey.LeasedArea ? tenants[t.Key].LeasedAreaM2 : draft.Key is SharingKey.FixedRatio or SharingKey.FixedFee ? t.Value : 1m)).ToList();
        try
        {
            PublicAreaSharing.Allocate(draft.Key, 0m, participants);
        }
        catch (BillingValidationException e)
        {
            errors.AddRange(e.Issues);
        }
    }

    private static async Task CheckMetersAsync(PrepaidDb db, SharingRuleDraft draft, IssueList errors, CancellationToken cancellationToken)
    {
        if (draft.MeterIds.Count == 0)
        {
            errors.Add("Sharing.NoMeter", "A sharing rule needs at least one public-area meter in its pool.");
            return;
        }

        var ids = draft.MeterIds.Distinct().ToList();
        var meters = await db.Meters.AsNoTracking().Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, cancellationToken);
        foreach (var id in ids)
        {
            if (!meters.TryGetValue(id, out var meter) || meter.SiteId != draft.SiteId)
            {
                errors.Add("Sharing.NotSiteMeter", $"Meter {id} is not a meter of this site.", id);
            }
            else if (meter.Role != MeterRole.PublicArea)
            {
                errors.Add("Sharing.NotPublicMeter", $"Meter {meter.Name} is not a public-area meter.", meter.Name);
            }
            else if (meter.TariffId is null)
            {
                errors.Add("Sharing.MeterNoTariff", $"Public-area meter {meter.Name} has no tariff to price its consumption.", meter.Name);
            }
        }
    }
}
