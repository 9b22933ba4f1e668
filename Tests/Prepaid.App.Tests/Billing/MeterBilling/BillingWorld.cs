using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Prepaid.App.Kernel.Ledger;
using Prepaid.App.Persistence.Entities;
using Prepaid.App.Replacement;
using Prepaid.App.Persistence;
using Prepaid.App.Tests.Support;
using Prepaid.Domain.Model;

namespace Prepaid.App.Tests.Billing.MeterBilling;

/// <summary>A fresh database with a site, one gateway and buses on which tests add tenants, accounts and meters.</summary>
internal sealed class BillingWorld : IAsyncDisposable
{
    private int _nextUnit = 247;
    private int _busId;
    private int _serial;

    private BillingWorld(TestDatabase database, FakeTimeProvider clock)
    {
        _database = database;
        Database = new PooledSqliteFactory(database.Folder);
        Clock = clock;
        Notifier = new LedgerNotifier(TimeProvider.System, NullLogger<LedgerNotifier>.Instance);
        Ledger = new LedgerService(Database, new AccountLocks(), Notifier, clock);
    }

    private readonly TestDatabase _database;

    /// <summary>The database (pooled connections over the test file).</summary>
    public PooledSqliteFactory Database { get; }
    public FakeTimeProvider Clock { get; }
    public LedgerNotifier Notifier { get; }
    public LedgerService Ledger { get; }
    public int SiteId { get; private set; }
    public int GatewayId { get; private set; }

    public static async Task<BillingWorld> CreateAsync(DateTimeOffset? start = null)
    {
        var world = new BillingWorld(await TestDatabase.CreateAsync(), new FakeTimeProvider(start ?? TestTime.DefaultStart));
        await using var db = world.Database.CreateDbContext();
        var site = new Site { Name = "Test mall" };
        db.Sites.Add(site);
        await db.SaveChangesAsync();
        var gateway = new Gateway { SiteId = site.Id, Name = "G1", Host = "127.0.0.1" };
        db.Gateways.Add(gateway);
        await db.SaveChangesAsync();
        (world.SiteId, world.GatewayId) = (site.Id, gateway.Id);
        return world;
    }

    /// <summary>A tenant with an open account.</summary>
    public async Task<(int TenantId, int AccountId)> AddAccountAsync(PrepaidDb db, string unit, Action<Account>? configure = null)
    {
        var tenant = new Tenant { SiteId = SiteId, Name = "店铺" + unit, NameEn = "Shop " + unit, UnitNumber = unit, ContactName = "Li", Mobile = "13800000000", LeasedAreaM2 = 50m };
        db.Tenants.Add(tenant);
        await db.SaveChangesAsync();
        var account = new Account { TenantId = tenant.Id, Number = "A-" + unit, OpenedAt = Clock.GetUtcNow() };
        configure?.Invoke(account);
        db.Accounts.Add(account);
        await db.SaveChangesAsync();
        return (tenant.Id, account.Id);
    }

    /// <summary>A meter on the next free unit id (a new bus every 247 meters).</summary>
    public async Task<Meter> AddMeterAsync(PrepaidDb db, int? accountId, MeterProfile profile, BillingMode mode, int? tariffId = null, Action<Meter>? configure = null)
    {
        if (_nextUnit == 247)
        {
            var bus = new Bus { GatewayId = GatewayId, PortNumber = _busId + 1, TcpPort = 40000 + _busId, Name = "Bus " + (_busId + 1) };
            db.Buses.Add(bus);
            await db.SaveChangesAsync();
            _busId = bus.Id;
            _nextUnit = 0;
        }

        _nextUnit++;
        _serial++;
        var meter = new Meter
        {
            SiteId = SiteId, BusId = _busId, UnitId = _nextUnit, SerialNumber = "SN" + _serial, Name = "M" + _serial,
            Kind = profile == MeterProfile.PrepaidWater ? MeterKind.Water : MeterKind.Electricity, Role = MeterRole.Tenant,
            Profile = profile, BillingMode = mode, AccountId = accountId, TariffId = tariffId,
        };
        configure?.Invoke(meter);
        db.Meters.Add(meter);
        await db.SaveChangesAsync();
        return meter;
    }

    public async Task<int> AddTariffAsync(PrepaidDb db, Domain.Tariffs.TariffPlan plan, params Domain.Tariffs.TariffPlan[] more)
    {
        var tariff = new Tariff
        {
            SiteId = SiteId, Code = "T" + Guid.NewGuid().ToString("N")[..6], Name = plan.Name,
            Commodity = plan.Commodity == Domain.Tariffs.Commodity.Water ? MeterKind.Water : MeterKind.Electricity,
            Versions = [.. new[] { plan }.Concat(more).Select(p => new TariffVersion
            {
                ValidFrom = p.ValidFrom, PlanJson = Domain.Tariffs.TariffPlanJson.Serialize(p), CreatedAt = Clock.GetUtcNow(), CreatedBy = "test",
            })],
        };
        db.Tariffs.Add(tariff);
        await db.SaveChangesAsync();
        return tariff.Id;
    }

    public async Task<LedgerEntry> RechargeAsync(int accountId, decimal amount, string key) =>
        (await Ledger.PostAsync(new LedgerPosting(accountId, LedgerEntryKind.Recharge, amount, key, "cashier", PaymentMethod.Cash), CancellationToken.None)).Entry;

    /// <summary>A balance carried to <paramref name="meterId"/> by a replacement, waiting for delivery (negative: an overdraft).</summary>
    public async Task CarryAsync(int accountId, int meterId, decimal carried)
    {
        await using var db = Database.CreateDbContext();
        var unitId = await db.Meters.Where(m => m.Id == meterId).Select(m => m.UnitId).SingleAsync();
        var replacement = new MeterReplacement
        {
            MeterId = meterId, ReplacedAt = Clock.GetUtcNow(), ReplacedBy = "electrician", Reason = "Display dead", OldSerialNumber = "OLD-" + meterId,
            NewSerialNumber = "NEW-" + meterId, NewUnitId = unitId, CarriedBalance = carried,
        };
        db.MeterReplacements.Add(replacement);
        await db.SaveChangesAsync();
        db.PendingBalanceTransfers.Add(new PendingBalanceTransfer
        {
            ReplacementId = replacement.Id, MeterId = meterId, AccountId = accountId, Amount = carried,
            IdempotencyKey = MeterReplacementService.TransferKey(replacement.Id), State = BalanceTransferState.Pending, CreatedAt = Clock.GetUtcNow(),
        });
        await db.SaveChangesAsync();
    }

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return _database.DisposeAsync();
    }
}
