using Microsoft.EntityFrameworkCore;
using Prepaid.App.Persistence;
using Prepaid.Domain.Model;

namespace Prepaid.App.Configuration.Import;

/// <summary>The stored configuration, tracked, indexed by the keys the spreadsheet uses.</summary>
internal sealed class ConfigurationSnapshot
{
    public Site? Site { get; private init; }
    public Dictionary<string, Shaft> Shafts { get; private init; } = [];
    public Dictionary<int, Shaft> ShaftsById { get; private init; } = [];
    public Dictionary<string, Transformer> Transformers { get; private init; } = [];
    public Dictionary<string, Tariff> Tariffs { get; private init; } = [];
    public Dictionary<string, Gateway> Gateways { get; private init; } = [];
    public Dictionary<int, Gateway> GatewaysById { get; private init; } = [];
    public Dictionary<(int GatewayId, int Port), Bus> Buses { get; private init; } = [];
    public Dictionary<int, Bus> BusesById { get; private init; } = [];
    public List<Meter> Meters { get; private init; } = [];
    public Dictionary<string, Meter> MetersBySerial { get; private init; } = [];
    public Dictionary<(int BusId, int UnitId), Meter> MetersByAddress { get; private init; } = [];
    public Dictionary<string, Tenant> Tenants { get; private init; } = [];
    public Dictionary<string, Account> Accounts { get; private init; } = [];
    public Dictionary<int, Account> AccountsById { get; private init; } = [];
    public Dictionary<int, Account> AccountsByTenant { get; private init; } = [];

    public static async Task<ConfigurationSnapshot> LoadAsync(PrepaidDb db, CancellationToken ct)
    {
        var shafts = await db.Shafts.ToListAsync(ct);
        var gateways = await db.Gateways.ToListAsync(ct);
        var buses = await db.Buses.ToListAsync(ct);
        var meters = await db.Meters.ToListAsync(ct);
        var accounts = await db.Accounts.OrderBy(a => a.Id).ToListAsync(ct);
        return new ConfigurationSnapshot
        {
            Site = await db.Sites.OrderBy(s => s.Id).FirstOrDefaultAsync(ct),
            Shafts = shafts.ToDictionary(s => s.Code, StringComparer.Ordinal),
            ShaftsById = shafts.ToDictionary(s => s.Id),
            Transformers = await db.Transformers.ToDictionaryAsync(t => t.Code, StringComparer.Ordinal, ct),
            Tariffs = await db.Tariffs.AsNoTracking().ToDictionaryAsync(t => t.Code, StringComparer.Ordinal, ct),
            Gateways = gateways.ToDictionary(g => g.Name, StringComparer.Ordinal),
            GatewaysById = gateways.ToDictionary(g => g.Id),
            Buses = buses.ToDictionary(b => (b.GatewayId, b.PortNumber)),
            BusesById = buses.ToDictionary(b => b.Id),
            Meters = meters,
            MetersBySerial = meters.ToDictionary(m => m.SerialNumber, StringComparer.Ordinal),
            MetersByAddress = meters.ToDictionary(m => (m.BusId, m.UnitId)),
            Tenants = await db.Tenants.ToDictionaryAsync(t => t.UnitNumber, StringComparer.Ordinal, ct),
            Accounts = accounts.ToDictionary(a => a.Number, StringComparer.Ordinal),
            AccountsById = accounts.ToDictionary(a => a.Id),
            AccountsByTenant = accounts.GroupBy(a => a.TenantId).ToDictionary(g => g.Key, g => g.First()),
        };
    }

    public Bus? Bus(string gateway, int port) =>
        Gateways.TryGetValue(gateway, out var g) && Buses.TryGetValue((g.Id, port), out var b) ? b : null;
}
