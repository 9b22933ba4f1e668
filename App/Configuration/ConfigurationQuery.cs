using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Prepaid.App.Identity;
using Prepaid.App.Persistence;
using Prepaid.Domain.Model;
using Prepaid.Domain.Security;
using Prepaid.App.Kernel.Security;

namespace Prepaid.App.Configuration;

/// <summary>A gateway with its shaft's code and bus count, as the configuration page lists it.</summary>
public sealed record GatewayRow(int Id, string Name, string Host, GatewayFraming Framing, int? ShaftId, string? Shaft, bool Enabled, int Buses);

/// <summary>A bus with its gateway's name and meter count.</summary>
public sealed record BusRow(int Id, int GatewayId, string Gateway, int PortNumber, int TcpPort, string Name, int BaudRate, SerialParity Parity, int ResponseTimeoutMs, int Meters);

/// <summary>A meter with the names of what it refers to.</summary>
public sealed record ConfiguredMeterRow(Meter Meter, string Gateway, int PortNumber, string? Tariff, string? Account, string? Shaft);

/// <summary>A tenant with its account number and meter count.</summary>
public sealed record TenantRow(Tenant Tenant, string? AccountNumber, int? AccountId, int Meters);

/// <summary>A reference (shaft, tariff, account, transformer) for the pickers of the edit forms.</summary>
public sealed record ReferenceItem(int Id, string Code, string Name);

/// <summary>Everything the configuration pages show, each read checked against ViewConfiguration.</summary>
public sealed class ConfigurationQuery(IDbContextFactory<PrepaidDb> factory)
{
    public async Task<Site?> SiteAsync(ClaimsPrincipal actor, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewConfiguration);
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Sites.AsNoTracking().OrderBy(s => s.Id).FirstOrDefaultAsync(ct);
    }

    public async Task<IReadOnlyList<Shaft>> ShaftsAsync(ClaimsPrincipal actor, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewConfiguration);
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Shafts.AsNoTracking().OrderBy(s => s.Code).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<GatewayRow>> GatewaysAsync(ClaimsPrincipal actor, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewConfiguration);
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Gateways.AsNoTracking().OrderBy(g => g.Name)
            .Select(g => new GatewayRow(g.Id, g.Name, g.Host, g.Framing, g.ShaftId,
                db.Shafts.Where(s => s.Id == g.ShaftId).Select(s => s.Code).FirstOrDefault(), g.Enabled, db.Buses.Count(b => b.GatewayId == g.Id)))
            .ToListAsync(ct);
    }

    public async Task<IReadOnlyList<BusRow>> BusesAsync(ClaimsPrincipal actor, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewConfiguration);
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Buses.AsNoTracking().Join(db.Gateways, b => b.GatewayId, g => g.Id, (b, g) => new { b, g.Name })
            .OrderBy(x => x.Name).ThenBy(x => x.b.PortNumber)
            .Select(x => new BusRow(x.b.Id, x.b.GatewayId, x.Name, x.b.PortNumber, x.b.TcpPort, x.b.Name, x.b.BaudRate, x.b.Parity, x.b.ResponseTimeoutMs,
                db.Meters.Count(m => m.BusId == x.b.Id)))
            .ToListAsync(ct);
    }

    public async Task<IReadOnlyList<ConfiguredMeterRow>> MetersAsync(ClaimsPrincipal actor, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewConfiguration);
        await using var db = await factory.CreateDbContextAsync(ct);
        var buses = await db.Buses.AsNoTracking().Join(db.Gateways, b => b.GatewayId, g => g.Id, (b, g) => new { b.Id, g.Name, b.PortNumber }).ToDictionaryAsync(x => x.Id, ct);
        var tariffs = await db.Tariffs.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Code, ct);
        var accounts = await db.Accounts.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Number, ct);
        var shafts = await db.Shafts.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Code, ct);
        var meters = await db.Meters.AsNoTracking().ToListAsync(ct);
        return [.. meters.Select(m => new ConfiguredMeterRow(m, buses[m.BusId].Name, buses[m.BusId].PortNumber,
                m.TariffId is { } t ? tariffs[t] : null, m.AccountId is { } a ? accounts[a] : null, m.ShaftId is { } s ? shafts[s] : null))
            .OrderBy(r => r.Gateway, StringComparer.Ordinal).ThenBy(r => r.PortNumber).ThenBy(r => r.Meter.UnitId)];
    }

    public async Task<IReadOnlyList<TenantRow>> TenantsAsync(ClaimsPrincipal actor, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewConfiguration);
        await using var db = await factory.CreateDbContextAsync(ct);
        var tenants = await db.Tenants.AsNoTracking().OrderBy(t => t.UnitNumber).ToListAsync(ct);
        var accounts = (await db.Accounts.AsNoTracking().OrderBy(a => a.Id).ToListAsync(ct)).GroupBy(a => a.TenantId).ToDictionary(g => g.Key, g => g.First());
        var meters = await db.Meters.AsNoTracking().Where(m => m.AccountId != null).GroupBy(m => m.AccountId!.Value)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        return [.. tenants.Select(t => accounts.TryGetValue(t.Id, out var a)
            ? new TenantRow(t, a.Number, a.Id, meters.GetValueOrDefault(a.Id))
            : new TenantRow(t, null, null, 0))];
    }

    /// <summary>The pickers' items: shafts, tariffs, accounts (with the tenant's unit) and transformers.</summary>
    public async Task<(IReadOnlyList<ReferenceItem> Shafts, IReadOnlyList<ReferenceItem> Tariffs, IReadOnlyList<ReferenceItem> Accounts, IReadOnlyList<ReferenceItem> Transformers)>
        ReferencesAsync(ClaimsPrincipal actor, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewConfiguration);
        await using var db = await factory.CreateDbContextAsync(ct);
        var shafts = (await db.Shafts.AsNoTracking().OrderBy(s => s.Code).ToListAsync(ct)).Select(s => new ReferenceItem(s.Id, s.Code, s.Name)).ToList();
        var tariffs = (await db.Tariffs.AsNoTracking().OrderBy(s => s.Code).ToListAsync(ct)).Select(s => new ReferenceItem(s.Id, s.Code, s.Name)).ToList();
        var accounts = (await db.Accounts.AsNoTracking().Join(db.Tenants, a => a.TenantId, t => t.Id, (a, t) => new { a.Id, a.Number, t.UnitNumber, t.Name }).ToListAsync(ct))
            .OrderBy(a => a.Number, StringComparer.Ordinal).Select(a => new ReferenceItem(a.Id, a.Number, a.UnitNumber + " " + a.Name)).ToList();
        var transformers = (await db.Transformers.AsNoTracking().OrderBy(s => s.Code).ToListAsync(ct)).Select(s => new ReferenceItem(s.Id, s.Code, s.Name)).ToList();
        return (shafts, tariffs, accounts, transformers);
    }
}
