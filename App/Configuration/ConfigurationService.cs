using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Prepaid.App.Kernel.Security;
using Prepaid.App.Persistence;
using Prepaid.Domain.Model;
using Prepaid.Domain.Security;

using Prepaid.App.Kernel.Contracts;
using Prepaid.App.Kernel.Validation;
namespace Prepaid.App.Configuration;

/// <summary>
/// Creates, updates and deletes the site's configuration: the permission is checked here whatever the caller,
/// every value is validated (<see cref="ConfigurationRules"/> plus uniqueness against the database), each change is
/// audited with the state before and after, and the acquisition service is told at once.
/// </summary>
public sealed partial class ConfigurationService(
    IDbContextFactory<PrepaidDb> factory,
    AuditLog audit,
    ConfigurationChangeSignal signal,
    TimeProvider time)
{
    public async Task<int> SaveSiteAsync(ClaimsPrincipal actor, SiteEdit edit, string? address, CancellationToken ct = default)
    {
        actor.Demand(Permission.EditConfiguration);
        var errors = new List<ConfigurationError>();
        if (string.IsNullOrWhiteSpace(edit.Name)) errors.Add(new("Name", "Required"));
        else if (edit.Name.Trim().Length > 200) errors.Add(new("Name", "TooLong", 200));
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(edit.TimeZoneId ?? "", out _)) errors.Add(new("TimeZone", "Unknown", Terms.TimeZone, edit.TimeZoneId));
        Throw(errors);

        await using var db = await factory.CreateDbContextAsync(ct);
        var site = await db.Sites.OrderBy(s => s.Id).FirstOrDefaultAsync(ct);
        var before = site is null ? null : new { site.Name, site.TimeZoneId };
        if (site is null)
        {
            site = new Site { Name = edit.Name.Trim() };
            db.Sites.Add(site);
        }

        site.Name = edit.Name.Trim();
        site.TimeZoneId = edit.TimeZoneId!;
        await SaveAsync(db, ct);
        await AuditAsync(actor, before is null ? "site.create" : "site.update", $"site:{site.Id}", before, edit, address, ct);
        return site.Id;
    }

    public async Task<int> SaveShaftAsync(ClaimsPrincipal actor, ShaftEdit edit, string? address, CancellationToken ct = default)
    {
        actor.Demand(Permission.EditConfiguration);
        var errors = ConfigurationRules.Check(edit).ToList();
        await using var db = await factory.CreateDbContextAsync(ct);
        var siteId = await SiteIdAsync(db, ct);
        var code = edit.Code.Trim();
        if (await db.Shafts.AnyAsync(s => s.SiteId == siteId && s.Code == code && s.Id != edit.Id, ct)) errors.Add(new("Code", "Duplicate", code, Terms.AnotherShaft));
        if (edit.TransformerId is { } t && !await db.Transformers.AnyAsync(x => x.Id == t, ct)) errors.Add(new("Transformer", "Unknown", Terms.Transformer, t));
        Throw(errors);

        var shaft = edit.Id is { } id ? await db.Shafts.SingleOrDefaultAsync(s => s.Id == id, ct) ?? throw NotFound(Terms.Shaft, id) : null;
        var before = shaft is null ? null : new { shaft.Code, shaft.Name, shaft.TransformerId };
        shaft ??= db.Shafts.Add(new Shaft { SiteId = siteId, Code = code, Name = "" }).Entity;
        (shaft.Code, shaft.Name, shaft.TransformerId) = (code, edit.Name.Trim(), edit.TransformerId);
        await SaveAsync(db, ct);
        await AuditAsync(actor, before is null ? "shaft.create" : "shaft.update", $"shaft:{shaft.Id}", before, edit, address, ct);
        return shaft.Id;
    }

    public async Task DeleteShaftAsync(ClaimsPrincipal actor, int id, string? address, CancellationToken ct = default)
    {
        actor.Demand(Permission.EditConfiguration);
        await using var db = await factory.CreateDbContextAsync(ct);
        var shaft = await db.Shafts.SingleOrDefaultAsync(s => s.Id == id, ct) ?? throw NotFound(Terms.Shaft, id);
        if (await db.Gateways.AnyAsync(g => g.ShaftId == id, ct) || await db.Meters.AnyAsync(m => m.ShaftId == id, ct))
        {
            throw new ConfigurationValidationException(new ConfigurationError("Code", "InUse", shaft.Code, Terms.ShaftInUse));
        }

        db.Shafts.Remove(shaft);
        await SaveAsync(db, ct);
        await AuditAsync(actor, "shaft.delete", $"shaft:{id}", new { shaft.Code, shaft.Name }, null, address, ct);
    }

    public async Task<int> SaveGatewayAsync(ClaimsPrincipal actor, GatewayEdit edit, string? address, CancellationToken ct = default)
    {
        actor.Demand(Permission.EditConfiguration);
        var errors = ConfigurationRules.Check(edit).ToList();
        await using var db = await factory.CreateDbContextAsync(ct);
        var siteId = await SiteIdAsync(db, ct);
        var name = edit.Name.Trim();
        if (await db.Gateways.AnyAsync(g => g.SiteId == siteId && g.Name == name && g.Id != edit.Id, ct)) errors.Add(new("Name", "Duplicate", name, Terms.AnotherGateway));
        if (edit.ShaftId is { } s && !await db.Shafts.AnyAsync(x => x.Id == s, ct)) errors.Add(new("Shaft", "Unknown", Terms.Shaft, s));
        if (edit.Id is { } gid)
        {
            // Changing the host moves every bus's TCP endpoint: they must stay unique.
            var ports = await db.Buses.Where(b => b.GatewayId == gid).Select(b => b.TcpPort).ToListAsync(ct);
            foreach (var port in ports)
            {
                if (await EndpointTakenAsync(db, edit.Host.Trim(), port, gid, null, ct)) errors.Add(new("Host", "Duplicate", $"{edit.Host.Trim()}:{port}", Terms.BusOfAnotherGateway));
            }
        }

        Throw(errors);
        var gateway = edit.Id is { } id ? await db.Gateways.SingleOrDefaultAsync(g => g.Id == id, ct) ?? throw NotFound(Terms.Gateway, id) : null;
        var before = gateway is null ? null : new { gateway.Name, gateway.Host, Framing = gateway.Framing.ToString(), gateway.ShaftId, gateway.Enabled };
        gateway ??= db.Gateways.Add(new Gateway { SiteId = siteId, Name = name, Host = "" }).Entity;
        (gateway.Name, gateway.Host, gateway.Framing, gateway.ShaftId, gateway.Enabled) = (name, edit.Host.Trim(), edit.Framing, edit.ShaftId, edit.Enabled);
        await SaveAsync(db, ct);
        await AuditAsync(actor, before is null ? "gateway.create" : "gateway.update", $"gateway:{gateway.Id}", before,
            new { name, edit.Host, Framing = edit.Framing.ToString(), edit.ShaftId, edit.Enabled }, address, ct);
        return gateway.Id;
    }

    public async Task DeleteGatewayAsync(ClaimsPrincipal actor, int id, string? address, CancellationToken ct = default)
    {
        actor.Demand(Permission.EditConfiguration);
        await using var db = await factory.CreateDbContextAsync(ct);
        var gateway = await db.Gateways.SingleOrDefaultAsync(g => g.Id == id, ct) ?? throw NotFound(Terms.Gateway, id);
        if (await db.Buses.AnyAsync(b => b.GatewayId == id, ct))
        {
            throw new ConfigurationValidationException(new ConfigurationError("Name", "InUse", gateway.Name, Terms.GatewayInUse));
        }

        db.Gateways.Remove(gateway);
        await SaveAsync(db, ct);
        await AuditAsync(actor, "gateway.delete", $"gateway:{id}", new { gateway.Name, gateway.Host }, null, address, ct);
    }

    public async Task<int> SaveBusAsync(ClaimsPrincipal actor, BusEdit edit, string? address, CancellationToken ct = default)
    {
        actor.Demand(Permission.EditConfiguration);
        var errors = ConfigurationRules.Check(edit).ToList();
        await using var db = await factory.CreateDbContextAsync(ct);
        var gateway = await db.Gateways.AsNoTracking().SingleOrDefaultAsync(g => g.Id == edit.GatewayId, ct);
        if (gateway is null)
        {
            errors.Add(new("Gateway", "Unknown", Terms.Gateway, edit.GatewayId));
        }
        else
        {
            if (await db.Buses.AnyAsync(b => b.GatewayId == edit.GatewayId && b.PortNumber == edit.PortNumber && b.Id != edit.Id, ct))
            {
                errors.Add(new("Port", "Duplicate", Terms.GatewayPort(gateway.Name, edit.PortNumber), Terms.AnotherBus));
            }

            if (await EndpointTakenAsync(db, gateway.Host, edit.TcpPort, null, edit.Id, ct)) errors.Add(new("TcpPort", "Duplicate", $"{gateway.Host}:{edit.TcpPort}", Terms.AnotherBus));
        }

        Throw(errors);
        var bus = edit.Id is { } id ? await db.Buses.SingleOrDefaultAsync(b => b.Id == id, ct) ?? throw NotFound(Terms.Bus, id) : null;
        var before = bus is null ? null : new { bus.GatewayId, bus.PortNumber, bus.TcpPort, bus.Name, bus.BaudRate, Parity = bus.Parity.ToString(), bus.ResponseTimeoutMs };
        bus ??= db.Buses.Add(new Bus { Name = "" }).Entity;
        (bus.GatewayId, bus.PortNumber, bus.TcpPort, bus.Name, bus.BaudRate, bus.Parity, bus.ResponseTimeoutMs) =
            (edit.GatewayId, edit.PortNumber, edit.TcpPort, edit.Name.Trim(), edit.BaudRate, edit.Parity, edit.ResponseTimeoutMs);
        await SaveAsync(db, ct);
        await AuditAsync(actor, before is null ? "bus.create" : "bus.update", $"bus:{bus.Id}", before,
            new { edit.GatewayId, edit.PortNumber, edit.TcpPort, edit.Name, edit.BaudRate, Parity = edit.Parity.ToString(), edit.ResponseTimeoutMs }, address, ct);
        return bus.Id;
    }

    public async Task DeleteBusAsync(ClaimsPrincipal actor, int id, string? address, CancellationToken ct = default)
    {
        actor.Demand(Permission.EditConfiguration);
        await using var db = await factory.CreateDbContextAsync(ct);
        var bus = await db.Buses.SingleOrDefaultAsync(b => b.Id == id, ct) ?? throw NotFound(Terms.Bus, id);
        if (await db.Meters.AnyAsync(m => m.BusId == id, ct))
        {
            throw new ConfigurationValidationException(new ConfigurationError("Port", "InUse", bus.Name, Terms.BusInUse));
        }

        db.Buses.Remove(bus);
        await SaveAsync(db, ct);
        await AuditAsync(actor, "bus.delete", $"bus:{id}", new { bus.GatewayId, bus.PortNumber, bus.Name }, null, address, ct);
    }

    private static async Task<bool> EndpointTakenAsync(PrepaidDb db, string host, int tcpPort, int? exceptGateway, int? exceptBus, CancellationToken ct)
    {
        var hosts = await db.Buses.Where(b => b.TcpPort == tcpPort && b.Id != exceptBus && b.GatewayId != exceptGateway)
            .Join(db.Gateways, b => b.GatewayId, g => g.Id, (b, g) => g.Host).ToListAsync(ct);
        return hosts.Any(h => string.Equals(h, host, StringComparison.OrdinalIgnoreCase));
    }

    private static async Task<int> SiteIdAsync(PrepaidDb db, CancellationToken ct) =>
        await db.Sites.OrderBy(s => s.Id).Select(s => (int?)s.Id).FirstOrDefaultAsync(ct)
        ?? throw new ConfigurationValidationException(new ConfigurationError("", "NoSite"));

    private static void Throw(List<ConfigurationError> errors)
    {
        if (errors.Count > 0)
        {
            throw new ConfigurationValidationException(errors);
        }
    }

    private static ConfigurationValidationException NotFound(Term what, int id) => new(new ConfigurationError("", "NotFound", what, id));

    private async Task SaveAsync(PrepaidDb db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex)
        {
            // A concurrent edit can still hit a unique index between our check and the write.
            throw new ConfigurationValidationException(new ConfigurationError("", "Conflict", ex.InnerException?.Message ?? ex.Message));
        }

        signal.Raise();
    }

    private Task AuditAsync(ClaimsPrincipal actor, string action, string target, object? before, object? after, string? address, CancellationToken ct) =>
        audit.WriteAsync(AuditKind.ConfigurationChange, "config." + action, actor.Identity?.Name ?? "?", address, target, before, after, ct);
}
