using Microsoft.EntityFrameworkCore;
using Prepaid.App.Accounts;
using Prepaid.App.Kernel.Ledger;
using Prepaid.App.Kernel.Security;
using Prepaid.App.Tests.Accounts.Desk;
using Prepaid.Domain.Model;

namespace Prepaid.App.Tests.Accounts;

/// <summary>The cashier bed plus a gateway, bus and tenant meters, and the account services.</summary>
internal sealed class AccountTestBed : IAsyncDisposable
{
    private AccountTestBed(CashierTestBed desk)
    {
        Desk = desk;
        var db = desk.Bed.Database;
        var audit = new AuditLog(db, desk.Bed.Clock);
        Lifecycle = new AccountLifecycle(db, desk.Bed.Ledger, desk.Refunds, audit, desk.Bed.Clock);
        Tenants = new TenantService(db, audit);
        Queries = new AccountQueries(db, desk.Bed.Ledger);
        Directory = new AccountDirectory(db, desk.Bed.Ledger);
    }

    public CashierTestBed Desk { get; }
    public AccountLifecycle Lifecycle { get; }
    public TenantService Tenants { get; }
    public AccountQueries Queries { get; }
    public AccountDirectory Directory { get; }
    public LedgerService Ledger => Desk.Bed.Ledger;
    public List<int> MeterIds { get; } = [];

    /// <summary><paramref name="accounts"/> tenants with an account each; the first account has two meters
    /// (electricity and water), and one more electricity meter is free.</summary>
    public static async Task<AccountTestBed> CreateAsync(int accounts = 2)
    {
        var bed = new AccountTestBed(await CashierTestBed.CreateAsync(accounts));
        await using var db = bed.Desk.Bed.Database.CreateDbContext();
        var site = await db.Sites.FirstAsync();
        var gateway = new Gateway { SiteId = site.Id, Name = "G1", Host = "127.0.0.1" };
        db.Gateways.Add(gateway);
        await db.SaveChangesAsync();
        var bus = new Bus { GatewayId = gateway.Id, Name = "Bus 1", PortNumber = 1, TcpPort = 1502 };
        db.Buses.Add(bus);
        await db.SaveChangesAsync();
        Meter Make(int unit, MeterKind kind, int? accountId) => new()
        {
            SiteId = site.Id, BusId = bus.Id, UnitId = unit, SerialNumber = $"SN{unit}", Name = $"M{unit}", Kind = kind, Role = MeterRole.Tenant,
            Profile = kind == MeterKind.Water ? MeterProfile.PrepaidWater : MeterProfile.PrepaidSinglePhase, AccountId = accountId,
        };
        var meters = new[]
        {
            Make(1, MeterKind.Electricity, bed.Desk.AccountIds[0]), Make(2, MeterKind.Water, bed.Desk.AccountIds[0]),
            Make(3, MeterKind.Electricity, null), Make(4, MeterKind.Electricity, bed.Desk.AccountIds.Count > 1 ? bed.Desk.AccountIds[1] : null),
        };
        db.Meters.AddRange(meters);
        await db.SaveChangesAsync();
        bed.MeterIds.AddRange(meters.Select(m => m.Id));
        return bed;
    }

    public async Task GiveLiveReadingsAsync(params int[] meterIds)
    {
        await using var db = Desk.Bed.Database.CreateDbContext();
        var now = Desk.Bed.Clock.GetUtcNow();
        foreach (var id in meterIds)
        {
            db.MeterLiveStates.Add(new MeterLiveState
            {
                MeterId = id, Quality = ValueQuality.Good, UpdatedAt = now, LastGoodAt = now, EnergyKwh = 1234.56m + id, VolumeM3 = 12.345m, RemainingYuan = 10m,
            });
        }

        await db.SaveChangesAsync();
    }

    public ValueTask DisposeAsync() => Desk.DisposeAsync();
}
