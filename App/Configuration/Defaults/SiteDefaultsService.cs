using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Prepaid.App.Kernel.Security;
using Prepaid.App.Persistence;
using Prepaid.Domain.Model;
using Prepaid.Domain.Security;

using Prepaid.App.Kernel.Validation;
namespace Prepaid.App.Configuration.Defaults;

public sealed record AccountLimitRow(int AccountId, string Number, string Unit, string Tenant, BusinessType BusinessType,
    decimal AlarmAmount1, decimal AlarmAmount2, decimal OverdraftLimit);

/// <summary>The alarm amounts and overdraft to give accounts, in yuan.</summary>
public sealed record AccountLimits(decimal? AlarmAmount1, decimal? AlarmAmount2, decimal? OverdraftLimit);

/// <summary>
/// The site-wide parameters that live in the database today: the hoarding limit (read by every recharge) and each
/// open account's alarm amounts and overdraft (read by the relay policy and pushed to meter-billing meters by the
/// settings push). Editing needs EditConfiguration, checked here; every change is audited with before and after.
/// </summary>
public sealed class SiteDefaultsService(IDbContextFactory<PrepaidDb> factory, AuditLog audit)
{
    /// <summary>Money on the meter's registers is kept in fen (0.01 yuan).</summary>
    public const int MoneyDecimals = 2;

    /// <summary>The largest amount the meter's U32 0.01-yuan registers hold, rounded down to a plain figure.</summary>
    public const decimal MaxAmount = 10_000_000m;

    public async Task<decimal?> HoardingLimitAsync(ClaimsPrincipal actor, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewConfiguration);
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Sites.OrderBy(s => s.Id).Select(s => s.HoardingLimit).FirstOrDefaultAsync(ct);
    }

    public async Task<IReadOnlyList<AccountLimitRow>> OpenAccountsAsync(ClaimsPrincipal actor, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewConfiguration);
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.Accounts.AsNoTracking().Where(a => a.ClosedAt == null)
            .Join(db.Tenants, a => a.TenantId, t => t.Id, (a, t) => new { a, t }).OrderBy(x => x.t.UnitNumber).ToListAsync(ct);
        return [.. rows.Select(x => new AccountLimitRow(x.a.Id, x.a.Number, x.t.UnitNumber, x.t.Name, x.t.BusinessType, x.a.AlarmAmount1, x.a.AlarmAmount2, x.a.OverdraftLimit))];
    }

    /// <summary>Sets the site's hoarding limit (the most a balance may hold after a recharge); null removes it.</summary>
    public async Task SetHoardingLimitAsync(ClaimsPrincipal actor, decimal? limit, string? address, CancellationToken ct = default)
    {
        actor.Demand(Permission.EditConfiguration);
        var errors = new List<ConfigurationError>();
        if (limit is { } l) CheckAmount("HoardingLimit", l, errors, positive: true);
        if (errors.Count > 0) throw new ConfigurationValidationException(errors);
        await using var db = await factory.CreateDbContextAsync(ct);
        var site = await db.Sites.OrderBy(s => s.Id).FirstOrDefaultAsync(ct) ?? throw new ConfigurationValidationException(new ConfigurationError("", "NoSite"));
        var before = site.HoardingLimit;
        site.HoardingLimit = limit;
        await db.SaveChangesAsync(ct);
        await audit.WriteAsync(AuditKind.ConfigurationChange, "config.site.hoarding-limit", actor.Identity?.Name ?? "?", address, $"site:{site.Id}",
            new { HoardingLimit = before }, new { HoardingLimit = limit }, ct);
    }

    /// <summary>The alarm amounts and overdraft a new account starts with (the built-in ones until the site sets its own).</summary>
    public async Task<AccountDefaults> NewAccountDefaultsAsync(ClaimsPrincipal actor, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewConfiguration);
        await using var db = await factory.CreateDbContextAsync(ct);
        return AccountDefaults.Of(await db.Sites.AsNoTracking().OrderBy(s => s.Id).FirstOrDefaultAsync(ct));
    }

    /// <summary>
    /// Sets the alarm amounts and overdraft that accounts opened from now on start with (opening at the counter, a
    /// tenant added on the configuration page or by import). Alarm 1 at or above alarm 2, all at or above zero, in
    /// fen (what a meter's registers hold). Accounts already open keep theirs.
    /// </summary>
    public async Task SetNewAccountDefaultsAsync(ClaimsPrincipal actor, AccountDefaults defaults, string? address, CancellationToken ct = default)
    {
        actor.Demand(Permission.EditConfiguration);
        var errors = new List<ConfigurationError>();
        CheckAmount("AlarmAmount1", defaults.AlarmAmount1, errors);
        CheckAmount("AlarmAmount2", defaults.AlarmAmount2, errors);
        CheckAmount("OverdraftLimit", defaults.OverdraftLimit, errors);
        if (errors.Count == 0 && defaults.AlarmAmount1 < defaults.AlarmAmount2)
        {
            errors.Add(new("AlarmAmount2", "AlarmDefaultsOrder", defaults.AlarmAmount1, defaults.AlarmAmount2));
        }

        if (errors.Count > 0) throw new ConfigurationValidationException(errors);
        await using var db = await factory.CreateDbContextAsync(ct);
        var site = await db.Sites.OrderBy(s => s.Id).FirstOrDefaultAsync(ct) ?? throw new ConfigurationValidationException(new ConfigurationError("", "NoSite"));
        var before = AccountDefaults.Of(site);
        site.NewAccountAlarmAmount1 = defaults.AlarmAmount1;
        site.NewAccountAlarmAmount2 = defaults.AlarmAmount2;
        site.NewAccountOverdraftLimit = defaults.OverdraftLimit;
        await db.SaveChangesAsync(ct);
        await audit.WriteAsync(AuditKind.ConfigurationChange, "config.site.new-account-defaults", actor.Identity?.Name ?? "?", address, $"site:{site.Id}",
            before, defaults, ct);
    }

    /// <summary>
    /// Gives the open accounts <paramref name="accountIds"/> the values of <paramref name="limits"/> that are set (the
    /// others stay), in one transaction. Alarm 1 must stay at or above alarm 2 on every account. Returns the count changed.
    /// </summary>
    public async Task<int> ApplyToAccountsAsync(ClaimsPrincipal actor, IReadOnlyCollection<int> accountIds, AccountLimits limits, string? address, CancellationToken ct = default)
    {
        actor.Demand(Permission.EditConfiguration);
        var errors = new List<ConfigurationError>();
        if (accountIds.Count == 0) errors.Add(new("Accounts", "Required"));
        if (limits is { AlarmAmount1: null, AlarmAmount2: null, OverdraftLimit: null }) errors.Add(new("AlarmAmount1", "Required"));
        if (limits.AlarmAmount1 is { } a1) CheckAmount("AlarmAmount1", a1, errors);
        if (limits.AlarmAmount2 is { } a2) CheckAmount("AlarmAmount2", a2, errors);
        if (limits.OverdraftLimit is { } o) CheckAmount("OverdraftLimit", o, errors);
        if (errors.Count > 0) throw new ConfigurationValidationException(errors);

        await using var db = await factory.CreateDbContextAsync(ct);
        var ids = accountIds.Distinct().ToList();
        var accounts = await db.Accounts.Where(a => ids.Contains(a.Id) && a.ClosedAt == null).ToListAsync(ct);
        var missing = ids.Except(accounts.Select(a => a.Id)).ToList();
        if (missing.Count > 0) errors.Add(new("Accounts", "Unknown", Terms.OpenAccount, string.Join(", ", missing)));
        foreach (var account in accounts)
        {
            var one = limits.AlarmAmount1 ?? account.AlarmAmount1;
            var two = limits.AlarmAmount2 ?? account.AlarmAmount2;
            if (one < two) errors.Add(new("AlarmAmount1", "AlarmOrder", account.Number, one, two));
        }

        if (errors.Count > 0) throw new ConfigurationValidationException([.. errors.Take(20)]);
        var before = accounts.Select(a => new { a.Number, a.AlarmAmount1, a.AlarmAmount2, a.OverdraftLimit }).ToList();
        foreach (var account in accounts)
        {
            account.AlarmAmount1 = limits.AlarmAmount1 ?? account.AlarmAmount1;
            account.AlarmAmount2 = limits.AlarmAmount2 ?? account.AlarmAmount2;
            account.OverdraftLimit = limits.OverdraftLimit ?? account.OverdraftLimit;
        }

        await db.SaveChangesAsync(ct);
        await audit.WriteAsync(AuditKind.ConfigurationChange, "config.account-limits", actor.Identity?.Name ?? "?", address,
            $"accounts:{accounts.Count}", before, new { limits.AlarmAmount1, limits.AlarmAmount2, limits.OverdraftLimit, accounts = accounts.Select(a => a.Number) }, ct);
        return accounts.Count;
    }

    private static void CheckAmount(string field, decimal value, List<ConfigurationError> errors, bool positive = false)
    {
        if (value < 0 || (positive && value == 0) || value > MaxAmount) errors.Add(new(field, "Range", positive ? 0.01m : 0m, MaxAmount, value));
        else if (decimal.Round(value, MoneyDecimals) != value) errors.Add(new(field, "Decimals", MoneyDecimals, value));
    }
}
