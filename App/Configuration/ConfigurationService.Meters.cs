using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Prepaid.App.Identity;
using Prepaid.App.Persistence;
using Prepaid.Domain.Model;
using Prepaid.Domain.Security;
using Prepaid.App.Kernel.Security;

using Prepaid.App.Kernel.Validation;
namespace Prepaid.App.Configuration;

public sealed partial class ConfigurationService
{
    public async Task<int> SaveMeterAsync(ClaimsPrincipal actor, MeterEdit edit, string? address, CancellationToken ct = default)
    {
        actor.Demand(Permission.EditConfiguration);
        await using var db = await factory.CreateDbContextAsync(ct);
        var siteId = await SiteIdAsync(db, ct);
        var tariff = edit.TariffId is { } tid ? await db.Tariffs.AsNoTracking().SingleOrDefaultAsync(t => t.Id == tid, ct) : null;
        var errors = ConfigurationRules.Check(edit, tariff).ToList();
        if (edit.TariffId is { } t0 && tariff is null) errors.Add(new("Tariff", "Unknown", Terms.Tariff, t0));
        if (edit.AccountId is { } a && !await db.Accounts.AnyAsync(x => x.Id == a, ct)) errors.Add(new("Account", "Unknown", Terms.Account, a));
        if (edit.ShaftId is { } s && !await db.Shafts.AnyAsync(x => x.Id == s, ct)) errors.Add(new("Shaft", "Unknown", Terms.Shaft, s));
        if (edit.TransformerId is { } tr && !await db.Transformers.AnyAsync(x => x.Id == tr, ct)) errors.Add(new("Transformer", "Unknown", Terms.Transformer, tr));
        if (!await db.Buses.AnyAsync(b => b.Id == edit.BusId, ct))
        {
            errors.Add(new("Port", "Unknown", Terms.Bus, edit.BusId));
        }
        else if (await db.Meters.Where(m => m.BusId == edit.BusId && m.UnitId == edit.UnitId && m.Id != edit.Id).Select(m => m.Name).FirstOrDefaultAsync(ct) is { } other)
        {
            errors.Add(new("Address", "Duplicate", Terms.AddressOnThisBus(edit.UnitId), Terms.Meter(other)));
        }

        var serial = edit.SerialNumber.Trim();
        if (await db.Meters.Where(m => m.SerialNumber == serial && m.Id != edit.Id).Select(m => m.Name).FirstOrDefaultAsync(ct) is { } owner)
        {
            errors.Add(new("Serial", "Duplicate", serial, Terms.Meter(owner)));
        }

        Throw(errors);
        var meter = edit.Id is { } id ? await db.Meters.SingleOrDefaultAsync(m => m.Id == id, ct) ?? throw NotFound(Terms.MeterNoun, id) : null;
        var before = meter is null ? null : MeterEdit.From(meter);
        meter ??= db.Meters.Add(new Meter { SiteId = siteId, SerialNumber = serial, Name = "" }).Entity;
        Apply(meter, edit);
        await SaveAsync(db, ct);
        await AuditAsync(actor, before is null ? "meter.create" : "meter.update", $"meter:{meter.Id}", before, MeterEdit.From(meter), address, ct);
        return meter.Id;
    }

    /// <summary>Copies an edit onto a meter (trimmed); shared with the spreadsheet import.</summary>
    internal static void Apply(Meter meter, MeterEdit e)
    {
        meter.BusId = e.BusId;
        meter.UnitId = e.UnitId;
        meter.SerialNumber = e.SerialNumber.Trim();
        meter.Name = e.Name.Trim();
        meter.Kind = e.Kind;
        meter.Role = e.Role;
        meter.Profile = e.Profile;
        meter.BillingMode = e.BillingMode;
        meter.CtRatio = e.CtRatio;
        meter.PtRatio = e.PtRatio;
        meter.PowerLimitKw = e.PowerLimitKw;
        meter.PowerLimitDurationSeconds = e.PowerLimitDurationSeconds;
        meter.TariffId = e.TariffId;
        meter.AccountId = e.AccountId;
        meter.ShaftId = e.ShaftId;
        meter.TransformerId = e.TransformerId;
        meter.PublicLoad = e.PublicLoad;
        meter.Location = string.IsNullOrWhiteSpace(e.Location) ? null : e.Location.Trim();
    }

    /// <summary>Only a meter without history can go: one with readings or commands is replaced, never erased.</summary>
    public async Task DeleteMeterAsync(ClaimsPrincipal actor, int id, string? address, CancellationToken ct = default)
    {
        actor.Demand(Permission.EditConfiguration);
        await using var db = await factory.CreateDbContextAsync(ct);
        var meter = await db.Meters.SingleOrDefaultAsync(m => m.Id == id, ct) ?? throw NotFound(Terms.MeterNoun, id);
        if (await db.MeterCommands.AnyAsync(c => c.MeterId == id, ct) || await db.IntervalEnergies.AnyAsync(c => c.MeterId == id, ct)
            || await db.FreezeReadings.AnyAsync(c => c.MeterId == id, ct))
        {
            throw new ConfigurationValidationException(new ConfigurationError("Serial", "InUse", meter.Name, Terms.MeterHasHistory));
        }

        var before = MeterEdit.From(meter);
        await db.MeterLiveStates.Where(s => s.MeterId == id).ExecuteDeleteAsync(ct);
        db.Meters.Remove(meter);
        await SaveAsync(db, ct);
        await AuditAsync(actor, "meter.delete", $"meter:{id}", before, null, address, ct);
    }

    public async Task<int> SaveTenantAsync(ClaimsPrincipal actor, TenantEdit edit, string? address, CancellationToken ct = default)
    {
        actor.Demand(Permission.EditConfiguration);
        var errors = ConfigurationRules.Check(edit).ToList();
        await using var db = await factory.CreateDbContextAsync(ct);
        var siteId = await SiteIdAsync(db, ct);
        var unit = edit.UnitNumber.Trim();
        var number = edit.AccountNumber.Trim();
        if (await db.Tenants.AnyAsync(t => t.SiteId == siteId && t.UnitNumber == unit && t.Id != edit.Id, ct)) errors.Add(new("Unit", "Duplicate", unit, Terms.AnotherTenant));
        if (await db.Accounts.AnyAsync(a => a.Number == number && a.TenantId != edit.Id, ct)) errors.Add(new("Account", "Duplicate", number, Terms.AnotherTenant));
        Throw(errors);

        var tenant = edit.Id is { } id ? await db.Tenants.SingleOrDefaultAsync(t => t.Id == id, ct) ?? throw NotFound(Terms.Tenant, id) : null;
        var account = tenant is null ? null : await db.Accounts.Where(a => a.TenantId == tenant.Id).OrderBy(a => a.Id).FirstOrDefaultAsync(ct);
        var before = tenant is null ? null : TenantSnapshot(tenant, account?.Number);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        tenant ??= db.Tenants.Add(new Tenant { SiteId = siteId, UnitNumber = unit, Name = "", NameEn = "", ContactName = "", Mobile = "" }).Entity;
        Apply(tenant, edit);
        await SaveAsync(db, ct);
        if (account is null)
        {
            var opened = db.Accounts.Add(new Account { TenantId = tenant.Id, Number = number, OpenedAt = time.GetUtcNow() }).Entity;
            AccountDefaults.Of(await db.Sites.AsNoTracking().SingleOrDefaultAsync(s => s.Id == siteId, ct)).ApplyTo(opened);
        }
        else
        {
            account.Number = number;
        }

        await SaveAsync(db, ct);
        await tx.CommitAsync(ct);
        await AuditAsync(actor, before is null ? "tenant.create" : "tenant.update", $"tenant:{tenant.Id}", before, TenantSnapshot(tenant, number), address, ct);
        return tenant.Id;
    }

    internal static void Apply(Tenant tenant, TenantEdit e)
    {
        tenant.UnitNumber = e.UnitNumber.Trim();
        tenant.Name = e.Name.Trim();
        tenant.NameEn = e.NameEn.Trim();
        tenant.LeasedAreaM2 = e.LeasedAreaM2;
        tenant.BusinessType = e.BusinessType;
        tenant.ContactName = e.ContactName.Trim();
        tenant.Mobile = e.Mobile.Trim();
        tenant.MobileAlt = string.IsNullOrWhiteSpace(e.MobileAlt) ? null : e.MobileAlt.Trim();
    }

    internal static TenantEdit TenantSnapshot(Tenant t, string? accountNumber) => new()
    {
        Id = t.Id, UnitNumber = t.UnitNumber, Name = t.Name, NameEn = t.NameEn, LeasedAreaM2 = t.LeasedAreaM2, BusinessType = t.BusinessType,
        ContactName = t.ContactName, Mobile = t.Mobile, MobileAlt = t.MobileAlt, AccountNumber = accountNumber ?? "",
    };

    /// <summary>A tenant whose account has meters or money on it stays: close the account through the cashier instead.</summary>
    public async Task DeleteTenantAsync(ClaimsPrincipal actor, int id, string? address, CancellationToken ct = default)
    {
        actor.Demand(Permission.EditConfiguration);
        await using var db = await factory.CreateDbContextAsync(ct);
        var tenant = await db.Tenants.SingleOrDefaultAsync(t => t.Id == id, ct) ?? throw NotFound(Terms.Tenant, id);
        var accounts = await db.Accounts.Where(a => a.TenantId == id).ToListAsync(ct);
        var accountIds = accounts.Select(a => a.Id).ToList();
        if (await db.Meters.AnyAsync(m => m.AccountId != null && accountIds.Contains(m.AccountId.Value), ct)
            || await db.LedgerEntries.AnyAsync(l => accountIds.Contains(l.AccountId), ct))
        {
            throw new ConfigurationValidationException(new ConfigurationError("Unit", "InUse", tenant.UnitNumber, Terms.TenantHasHistory));
        }

        var before = TenantSnapshot(tenant, accounts.FirstOrDefault()?.Number);
        db.Accounts.RemoveRange(accounts);
        db.Tenants.Remove(tenant);
        await SaveAsync(db, ct);
        await AuditAsync(actor, "tenant.delete", $"tenant:{id}", before, null, address, ct);
    }
}
