using System.Globalization;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Prepaid.App.Kernel.Security;
using Prepaid.App.Persistence;
using Prepaid.Domain.Model;
using Prepaid.Domain.Security;

namespace Prepaid.App.Accounts;

/// <summary>The editable details of a tenant.</summary>
public sealed record TenantEdit(string Name, string NameEn, string UnitNumber, decimal LeasedAreaM2, BusinessType BusinessType,
    string ContactName, string Mobile, string? MobileAlt);

/// <summary>Edits tenant details: every field is checked, a unit number stays unique in the site, and the change is
/// audited with before and after.</summary>
public sealed partial class TenantService(IDbContextFactory<PrepaidDb> factory, AuditLog audit)
{
    public static TenantEdit EditOf(Tenant t) => new(t.Name, t.NameEn, t.UnitNumber, t.LeasedAreaM2, t.BusinessType, t.ContactName, t.Mobile, t.MobileAlt);

    /// <summary>The problems of an edit by field (empty when it is valid), without the unit's uniqueness.</summary>
    public static Dictionary<string, string> Validate(TenantEdit edit)
    {
        var errors = new Dictionary<string, string>();
        void Text(string field, string? value, int max)
        {
            if (string.IsNullOrWhiteSpace(value) || value.Trim().Length > max)
            {
                errors[field] = "text";
            }
        }

        Text(nameof(TenantEdit.Name), edit.Name, 200);
        Text(nameof(TenantEdit.NameEn), edit.NameEn, 200);
        Text(nameof(TenantEdit.ContactName), edit.ContactName, 100);
        if (string.IsNullOrWhiteSpace(edit.UnitNumber) || !UnitShape().IsMatch(edit.UnitNumber.Trim()))
        {
            errors[nameof(TenantEdit.UnitNumber)] = "unit";
        }

        if (edit.LeasedAreaM2 <= 0 || edit.LeasedAreaM2 > 100_000 || decimal.Round(edit.LeasedAreaM2, 2) != edit.LeasedAreaM2)
        {
            errors[nameof(TenantEdit.LeasedAreaM2)] = "area";
        }

        if (!Enum.IsDefined(edit.BusinessType))
        {
            errors[nameof(TenantEdit.BusinessType)] = "business";
        }

        if (edit.Mobile is null || !MobileShape().IsMatch(edit.Mobile.Trim()))
        {
            errors[nameof(TenantEdit.Mobile)] = "mobile";
        }

        if (!string.IsNullOrWhiteSpace(edit.MobileAlt) && !MobileShape().IsMatch(edit.MobileAlt.Trim()))
        {
            errors[nameof(TenantEdit.MobileAlt)] = "mobile";
        }

        return errors;
    }

    public async Task<Tenant> UpdateAsync(ClaimsPrincipal actor, int tenantId, TenantEdit edit, string? address, CancellationToken cancellationToken)
    {
        actor.Demand(Permission.ManageAccounts);
        var errors = Validate(edit);
        if (errors.Count > 0)
        {
            throw new AccountRefusedException(errors, "Invalid tenant details: " + string.Join(", ", errors.Select(e => $"{e.Key} ({e.Value})")));
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var tenant = await db.Tenants.SingleOrDefaultAsync(t => t.Id == tenantId, cancellationToken)
            ?? throw new AccountRefusedException("tenant", $"No tenant with id {tenantId}.");
        var unit = edit.UnitNumber.Trim().ToUpperInvariant();
        if (await db.Tenants.AnyAsync(t => t.SiteId == tenant.SiteId && t.Id != tenantId && t.UnitNumber == unit, cancellationToken))
        {
            throw new AccountRefusedException(new Dictionary<string, string> { [nameof(TenantEdit.UnitNumber)] = "unit-taken" }, $"Unit {unit} already belongs to another tenant.");
        }

        var before = EditOf(tenant);
        tenant.Name = edit.Name.Trim();
        tenant.NameEn = edit.NameEn.Trim();
        tenant.UnitNumber = unit;
        tenant.LeasedAreaM2 = edit.LeasedAreaM2;
        tenant.BusinessType = edit.BusinessType;
        tenant.ContactName = edit.ContactName.Trim();
        tenant.Mobile = edit.Mobile.Trim();
        tenant.MobileAlt = string.IsNullOrWhiteSpace(edit.MobileAlt) ? null : edit.MobileAlt.Trim();
        await db.SaveChangesAsync(cancellationToken);
        await audit.WriteAsync(AuditKind.ConfigurationChange, "tenant.update", actor.Identity!.Name!, address,
            "tenant:" + tenantId.ToString(CultureInfo.InvariantCulture), before, EditOf(tenant), cancellationToken);
        return tenant;
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9\-]{0,31}$")]
    private static partial Regex UnitShape();

    // Mainland mobile numbers: 11 digits starting 13 to 19.
    [GeneratedRegex(@"^1[3-9]\d{9}$")]
    private static partial Regex MobileShape();
}
