using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Prepaid.App.Kernel.Ledger;
using Prepaid.App.Tests.Support;
using Prepaid.Domain.Model;

namespace Prepaid.App.Tests.Kernel.Ledger;

/// <summary>A fresh database with one site, tenant and open account, and a ledger service over it.</summary>
internal sealed class LedgerTestBed : IAsyncDisposable
{
    private LedgerTestBed(TestDatabase database, FakeTimeProvider clock, LedgerNotifier notifier, LedgerService ledger)
    {
        Database = database;
        Clock = clock;
        Notifier = notifier;
        Ledger = ledger;
    }

    public TestDatabase Database { get; }
    public FakeTimeProvider Clock { get; }
    public LedgerNotifier Notifier { get; }
    public LedgerService Ledger { get; }
    public List<int> AccountIds { get; } = [];

    public static async Task<LedgerTestBed> CreateAsync(int accounts = 1)
    {
        var database = await TestDatabase.CreateAsync();
        var clock = new FakeTimeProvider(TestTime.DefaultStart);
        var notifier = new LedgerNotifier(TimeProvider.System, NullLogger<LedgerNotifier>.Instance);
        var bed = new LedgerTestBed(database, clock, notifier, new LedgerService(database, new AccountLocks(), notifier, clock));
        await using var db = database.CreateDbContext();
        var site = new Site { Name = "Test mall" };
        db.Sites.Add(site);
        await db.SaveChangesAsync();
        for (var i = 1; i <= accounts; i++)
        {
            var tenant = new Tenant
            {
                SiteId = site.Id, Name = $"店铺{i}", NameEn = $"Shop {i}", UnitNumber = $"L1-{i:000}",
                ContactName = "Li", Mobile = "13800000000", LeasedAreaM2 = 50m,
            };
            db.Tenants.Add(tenant);
            await db.SaveChangesAsync();
            var account = new Account { TenantId = tenant.Id, Number = $"A{i:0000}", OpenedAt = clock.GetUtcNow() };
            db.Accounts.Add(account);
            await db.SaveChangesAsync();
            bed.AccountIds.Add(account.Id);
        }

        return bed;
    }

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
