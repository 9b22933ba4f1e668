using Prepaid.App.Persistence;
using Prepaid.Domain.Model;

namespace Prepaid.App.Configuration.Import;

/// <summary>Writes a plan without errors, inside the caller's transaction, in dependency order.</summary>
internal static class ImportApplier
{
    public static async Task ApplyAsync(PrepaidDb db, ConfigurationSnapshot snapshot, ImportPlan plan, CancellationToken ct)
    {
        var siteId = snapshot.Site!.Id;
        foreach (var (existing, edit) in plan.Shafts)
        {
            var shaft = existing ?? db.Shafts.Add(new Shaft { SiteId = siteId, Code = edit.Code, Name = "" }).Entity;
            (shaft.Name, shaft.TransformerId) = (edit.Name.Trim(), edit.TransformerId);
            snapshot.Shafts[edit.Code] = shaft;
        }

        await db.SaveChangesAsync(ct);
        foreach (var (existing, p) in plan.Gateways)
        {
            var gateway = existing ?? db.Gateways.Add(new Gateway { SiteId = siteId, Name = p.Edit.Name, Host = "" }).Entity;
            (gateway.Host, gateway.Framing, gateway.Enabled) = (p.Edit.Host.Trim(), p.Edit.Framing, p.Edit.Enabled);
            gateway.ShaftId = p.ShaftCode is null ? null : snapshot.Shafts[p.ShaftCode].Id;
            snapshot.Gateways[p.Edit.Name] = gateway;
        }

        await db.SaveChangesAsync(ct);
        foreach (var (existing, p) in plan.Buses)
        {
            var e = p.Edit;
            var bus = existing ?? db.Buses.Add(new Bus { Name = "", GatewayId = snapshot.Gateways[p.Gateway].Id, PortNumber = e.PortNumber }).Entity;
            (bus.TcpPort, bus.Name, bus.BaudRate, bus.Parity, bus.ResponseTimeoutMs) = (e.TcpPort, e.Name.Trim(), e.BaudRate, e.Parity, e.ResponseTimeoutMs);
        }

        await db.SaveChangesAsync(ct);
        foreach (var bus in db.ChangeTracker.Entries<Bus>().Select(b => b.Entity))
        {
            snapshot.Buses[(bus.GatewayId, bus.PortNumber)] = bus;
        }

        var newAccounts = new List<(Tenant Tenant, string Number)>();
        foreach (var (existing, edit) in plan.Tenants)
        {
            var tenant = existing ?? db.Tenants.Add(new Tenant { SiteId = siteId, UnitNumber = "", Name = "", NameEn = "", ContactName = "", Mobile = "" }).Entity;
            ConfigurationService.Apply(tenant, edit);
            if (existing is not null && snapshot.AccountsByTenant.TryGetValue(existing.Id, out var account))
            {
                account.Number = edit.AccountNumber.Trim();
                snapshot.Accounts[account.Number] = account;
            }
            else
            {
                newAccounts.Add((tenant, edit.AccountNumber.Trim()));
            }
        }

        await db.SaveChangesAsync(ct);
        var defaults = AccountDefaults.Of(snapshot.Site);
        foreach (var (tenant, number) in newAccounts)
        {
            var account = db.Accounts.Add(new Account { TenantId = tenant.Id, Number = number, OpenedAt = plan.At }).Entity;
            defaults.ApplyTo(account);
            snapshot.Accounts[number] = account;
        }

        await db.SaveChangesAsync(ct);
        await ApplyMetersAsync(db, snapshot, plan, siteId, ct);
    }

    private static async Task ApplyMetersAsync(PrepaidDb db, ConfigurationSnapshot snapshot, ImportPlan plan, int siteId, CancellationToken ct)
    {
        // Meters that change place leave it first, so that two meters swapping addresses never meet on the unique index.
        var moving = plan.Meters.Where(m => m.Existing is { } e && (e.BusId != BusId(snapshot, m.Value) || e.UnitId != m.Value.Edit.UnitId)).ToList();
        foreach (var (existing, _) in moving)
        {
            existing!.UnitId = -existing.Id;
        }

        if (moving.Count > 0)
        {
            await db.SaveChangesAsync(ct);
        }

        foreach (var (existing, p) in plan.Meters)
        {
            var edit = p.Edit;
            edit.BusId = BusId(snapshot, p);
            edit.AccountId = p.AccountNumber is null ? null : snapshot.Accounts[p.AccountNumber].Id;
            edit.ShaftId = p.ShaftCode is null ? null : snapshot.Shafts[p.ShaftCode].Id;
            var meter = existing ?? db.Meters.Add(new Meter { SiteId = siteId, SerialNumber = edit.SerialNumber, Name = "" }).Entity;
            ConfigurationService.Apply(meter, edit);
        }

        await db.SaveChangesAsync(ct);
    }

    private static int BusId(ConfigurationSnapshot snapshot, PlannedMeter p) => snapshot.Buses[(snapshot.Gateways[p.Gateway].Id, p.Port)].Id;
}
