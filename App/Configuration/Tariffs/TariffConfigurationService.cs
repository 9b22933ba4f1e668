using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Prepaid.App.Kernel.Security;
using Prepaid.App.Persistence;
using Prepaid.Domain.Model;
using Prepaid.Domain.Security;
using Prepaid.Domain.Tariffs;
using DomainTariff = Prepaid.Domain.Tariffs.Tariff;

using Prepaid.App.Kernel.Contracts;
using Prepaid.App.Kernel.Validation;
namespace Prepaid.App.Configuration.Tariffs;

/// <summary>Where a version stands on the site's today.</summary>
public enum TariffVersionState
{
    /// <summary>Valid from an earlier date, replaced by a later version already in force.</summary>
    Superseded,
    /// <summary>The version that prices today.</summary>
    InForce,
    /// <summary>Starts after today; may still be replaced or withdrawn.</summary>
    Scheduled,
}

public sealed record TariffRow(int Id, string Code, string Name, Commodity Commodity, DateOnly? InForceFrom, PricingKind? InForceKind, int Versions);

public sealed record TariffVersionRow(int Id, DateOnly ValidFrom, TariffVersionState State, TariffPlan Plan, DateTimeOffset CreatedAt, string CreatedBy);

/// <summary>
/// Tariff versions: listed by anyone who may view the configuration; a new version is added (or a scheduled one
/// replaced or withdrawn) only by an editor, checked here. A version in force is never changed: a new version with a
/// later valid-from supersedes it. Every plan passes the tariff engine's own validation, and each change is audited
/// and signalled; meter billing's settings push compares fingerprints and so picks the version up when it starts.
/// </summary>
public sealed class TariffConfigurationService(
    IDbContextFactory<PrepaidDb> factory,
    AuditLog audit,
    ConfigurationChangeSignal signal,
    TimeProvider time)
{
    public async Task<IReadOnlyList<TariffRow>> ListAsync(ClaimsPrincipal actor, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewConfiguration);
        await using var db = await factory.CreateDbContextAsync(ct);
        var today = await TodayAsync(db, ct);
        var tariffs = await db.Tariffs.AsNoTracking().Include(t => t.Versions).OrderBy(t => t.Code).ToListAsync(ct);
        return [.. tariffs.Select(t =>
        {
            var current = t.Versions.Where(v => v.ValidFrom <= today).MaxBy(v => v.ValidFrom);
            return new TariffRow(t.Id, t.Code, t.Name, ToCommodity(t.Commodity), current?.ValidFrom,
                current is null ? null : TariffPlanJson.Deserialize(current.PlanJson).Kind, t.Versions.Count);
        })];
    }

    public async Task<IReadOnlyList<TariffVersionRow>> VersionsAsync(ClaimsPrincipal actor, int tariffId, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewConfiguration);
        await using var db = await factory.CreateDbContextAsync(ct);
        var today = await TodayAsync(db, ct);
        var versions = await db.TariffVersions.AsNoTracking().Where(v => v.TariffId == tariffId).ToListAsync(ct);
        var inForce = versions.Where(v => v.ValidFrom <= today).MaxBy(v => v.ValidFrom)?.Id;
        return [.. versions.OrderByDescending(v => v.ValidFrom).Select(v => new TariffVersionRow(v.Id, v.ValidFrom,
            v.Id == inForce ? TariffVersionState.InForce : v.ValidFrom > today ? TariffVersionState.Scheduled : TariffVersionState.Superseded,
            TariffPlanJson.Deserialize(v.PlanJson), v.CreatedAt, v.CreatedBy))];
    }

    /// <summary>The site-local date of today: a new version must start after it.</summary>
    public async Task<DateOnly> TodayAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await TodayAsync(db, ct);
    }

    public async Task<TimeZoneInfo> ZoneAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await SiteTime.FirstSiteZoneAsync(db, ct);
    }

    /// <summary>
    /// Records the version of <paramref name="tariffId"/> valid from <paramref name="validFrom"/> (after today). A
    /// scheduled version on the same date is replaced; a version in force never is. Returns the version's id.
    /// </summary>
    public async Task<int> SaveVersionAsync(ClaimsPrincipal actor, int tariffId, DateOnly? validFrom, TariffDraft draft, string? address, CancellationToken ct = default)
    {
        actor.Demand(Permission.EditConfiguration);
        await using var db = await factory.CreateDbContextAsync(ct);
        var tariff = await db.Tariffs.Include(t => t.Versions).SingleOrDefaultAsync(t => t.Id == tariffId, ct)
            ?? throw new ConfigurationValidationException(new ConfigurationError("", "NotFound", Terms.Tariff, tariffId));
        var today = await TodayAsync(db, ct);
        if (validFrom is not { } from)
        {
            throw new ConfigurationValidationException(new ConfigurationError("ValidFrom", "Required"));
        }

        var errors = new List<ConfigurationError>();
        if (from <= today) errors.Add(new("ValidFrom", "NotAfterToday", from.ToString("yyyy-MM-dd"), today.ToString("yyyy-MM-dd")));
        var (plan, readErrors) = draft.ToPlan(tariff.Name, ToCommodity(tariff.Commodity), from);
        errors.AddRange(readErrors);
        if (plan is not null) errors.AddRange(plan.ValidateIssues().Select(i => ConfigurationError.FromIssue("Plan", i)));
        if (errors.Count > 0) throw new ConfigurationValidationException(errors);

        var json = TariffPlanJson.Serialize(plan!);
        var replaced = tariff.Versions.SingleOrDefault(v => v.ValidFrom == from);
        var before = replaced is null ? null : new { replaced.ValidFrom, replaced.PlanJson };
        if (replaced is null)
        {
            replaced = new TariffVersion { TariffId = tariff.Id, ValidFrom = from, PlanJson = json, CreatedBy = "" };
            db.TariffVersions.Add(replaced);
        }

        replaced.PlanJson = json;
        replaced.CreatedAt = time.GetUtcNow();
        replaced.CreatedBy = actor.Identity?.Name ?? "?";

        // The whole tariff must still be one consistent plan for the engine (same commodity, distinct dates).
        _ = new DomainTariff([.. tariff.Versions.Where(v => v != replaced).Select(v => TariffPlanJson.Deserialize(v.PlanJson)), plan!]);
        await db.SaveChangesAsync(ct);
        signal.Raise();
        await audit.WriteAsync(AuditKind.ConfigurationChange, before is null ? "config.tariff-version.create" : "config.tariff-version.replace",
            actor.Identity?.Name ?? "?", address, $"tariff:{tariff.Code}", before, new { ValidFrom = from, PlanJson = json }, ct);
        return replaced.Id;
    }

    /// <summary>
    /// Creates a tariff with its first version valid from <paramref name="validFrom"/> (any date, today or earlier
    /// included: nothing was priced with the tariff yet). The code is required and unique on the site; the plan passes the same checks as a new version. One
    /// transaction: a refusal writes nothing. Returns the tariff's id.
    /// </summary>
    public async Task<int> CreateTariffAsync(ClaimsPrincipal actor, string? code, string? name, Commodity commodity, DateOnly? validFrom, TariffDraft draft, string? address, CancellationToken ct = default)
    {
        actor.Demand(Permission.EditConfiguration);
        await using var db = await factory.CreateDbContextAsync(ct);
        var siteId = await db.Sites.OrderBy(s => s.Id).Select(s => (int?)s.Id).FirstOrDefaultAsync(ct)
            ?? throw new ConfigurationValidationException(new ConfigurationError("", "NoSite"));
        var trimmedCode = code?.Trim() ?? "";
        var trimmedName = name?.Trim() ?? "";
        var errors = new List<ConfigurationError>();
        if (trimmedCode.Length == 0) errors.Add(new("Code", "Required"));
        else if (trimmedCode.Length > 32) errors.Add(new("Code", "TooLong", 32));
        else if (await db.Tariffs.AnyAsync(t => t.SiteId == siteId && t.Code == trimmedCode, ct)) errors.Add(new("Code", "Duplicate", trimmedCode, Terms.AnotherTariff));
        if (trimmedName.Length == 0) errors.Add(new("Name", "Required"));
        else if (trimmedName.Length > 200) errors.Add(new("Name", "TooLong", 200));
        if (validFrom is not { } from)
        {
            errors.Add(new("ValidFrom", "Required"));
            throw new ConfigurationValidationException(errors);
        }

        // A brand-new tariff has priced nothing and no meter uses it yet, so its first version may start today or earlier
        // (a mall commissioned mid-month); every later version starts after today (SaveVersionAsync).
        var (plan, readErrors) = draft.ToPlan(trimmedName, commodity, from);
        errors.AddRange(readErrors);
        if (plan is not null) errors.AddRange(plan.ValidateIssues().Select(i => ConfigurationError.FromIssue("Plan", i)));
        if (errors.Count > 0) throw new ConfigurationValidationException(errors);

        _ = new DomainTariff([plan!]);
        var json = TariffPlanJson.Serialize(plan!);
        var by = actor.Identity?.Name ?? "?";
        var tariff = new Prepaid.Domain.Model.Tariff
        {
            SiteId = siteId, Code = trimmedCode, Name = trimmedName,
            Commodity = commodity == Commodity.Water ? MeterKind.Water : MeterKind.Electricity,
            Versions = [new TariffVersion { ValidFrom = from, PlanJson = json, CreatedAt = time.GetUtcNow(), CreatedBy = by }],
        };
        db.Tariffs.Add(tariff);
        await db.SaveChangesAsync(ct);
        signal.Raise();
        await audit.WriteAsync(AuditKind.ConfigurationChange, "config.tariff.create", by, address, $"tariff:{tariff.Code}", null,
            new { tariff.Code, tariff.Name, Commodity = commodity.ToString(), ValidFrom = from, PlanJson = json }, ct);
        return tariff.Id;
    }

    /// <summary>Withdraws a version that has not started yet; one in force or superseded stays for the record.</summary>
    public async Task DeleteScheduledVersionAsync(ClaimsPrincipal actor, int versionId, string? address, CancellationToken ct = default)
    {
        actor.Demand(Permission.EditConfiguration);
        await using var db = await factory.CreateDbContextAsync(ct);
        var version = await db.TariffVersions.SingleOrDefaultAsync(v => v.Id == versionId, ct)
            ?? throw new ConfigurationValidationException(new ConfigurationError("", "NotFound", Terms.TariffVersion, versionId));
        var today = await TodayAsync(db, ct);
        if (version.ValidFrom <= today)
        {
            throw new ConfigurationValidationException(new ConfigurationError("ValidFrom", "VersionStarted", version.ValidFrom.ToString("yyyy-MM-dd")));
        }

        var code = await db.Tariffs.Where(t => t.Id == version.TariffId).Select(t => t.Code).SingleAsync(ct);
        db.TariffVersions.Remove(version);
        await db.SaveChangesAsync(ct);
        signal.Raise();
        await audit.WriteAsync(AuditKind.ConfigurationChange, "config.tariff-version.delete", actor.Identity?.Name ?? "?", address,
            $"tariff:{code}", new { version.ValidFrom, version.PlanJson }, null, ct);
    }

    public static Commodity ToCommodity(MeterKind kind) => kind == MeterKind.Water ? Commodity.Water : Commodity.Electricity;

    private async Task<DateOnly> TodayAsync(PrepaidDb db, CancellationToken ct) =>
        SiteTime.Today(time.GetUtcNow(), await SiteTime.FirstSiteZoneAsync(db, ct));
}
