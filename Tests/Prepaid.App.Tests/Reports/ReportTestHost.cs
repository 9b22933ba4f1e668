using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Prepaid.App.Alarms;
using Prepaid.App.Losses;
using Prepaid.App.Sharing;
using Prepaid.App.Persistence;
using Prepaid.App.Reports;
using Prepaid.App.Kernel.Reporting;
using Prepaid.App.Reports.Sources;
using Prepaid.App.Tests.Support;
using Prepaid.Domain.Model;

namespace Prepaid.App.Tests.Reports;

/// <summary>A demo database, a report store in its folder and the report services, on a test clock.</summary>
internal sealed class ReportTestHost : IAsyncDisposable
{
    public static readonly TimeZoneInfo Zone = SiteTime.Zone("Asia/Shanghai");

    private ReportTestHost(TestDatabase database, FakeTimeProvider clock, ReportsOptions options)
    {
        Database = database;
        Clock = clock;
        Options = options;
        Store = new ReportStore(database, Microsoft.Extensions.Options.Options.Create(options), Microsoft.Extensions.Options.Options.Create(new DatabaseOptions { DataDirectory = database.Folder }));
        IReportSource[] sources =
        [
            new SalesReportSource(database), new ShopPurchasesReportSource(database),
            new EnergyAndMoneyReportSource(database), new CommunicationFaultsReportSource(database),
            new SharingStatementReportSource(new SharingStatementQuery(database)),
            new LossReconciliationReportSource(database, new LossReconciliationQuery(database)),
            new AlarmKpiReportSource(new AlarmQuery(database, clock, Microsoft.Extensions.Options.Options.Create(new AlarmOptions()))),
        ];
        Generator = new ReportGenerator(database, sources, Store, clock, NullLogger<ReportGenerator>.Instance);
        Schedule = new ReportSchedule(database, Generator, Store, Microsoft.Extensions.Options.Options.Create(options), clock, NullLogger<ReportSchedule>.Instance);
    }

    public TestDatabase Database { get; }

    public FakeTimeProvider Clock { get; }

    public ReportsOptions Options { get; }

    public ReportStore Store { get; }

    public ReportGenerator Generator { get; }

    public ReportSchedule Schedule { get; }

    /// <summary>The demo mall seeded at <paramref name="seededAt"/>; the clock starts there.</summary>
    public static async Task<ReportTestHost> CreateAsync(DateTimeOffset seededAt, ReportsOptions? options = null)
    {
        var database = await TestDatabase.CreateAsync(seedDemo: true, now: seededAt);
        return new ReportTestHost(database, new FakeTimeProvider(seededAt), options ?? new ReportsOptions());
    }

    /// <summary>Site-local time as an instant.</summary>
    public static DateTimeOffset Local(int year, int month, int day, int hour = 0, int minute = 0, int second = 0)
    {
        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }

    public async Task<List<int>> AccountIdsAsync(int count)
    {
        await using var db = Database.CreateDbContext();
        return await db.Accounts.OrderBy(a => a.Id).Select(a => a.Id).Take(count).ToListAsync();
    }

    private int _key;

    public LedgerEntry Entry(int account, LedgerEntryKind kind, decimal amount, DateTimeOffset at, string by = "cashier", PaymentMethod? method = null, string? note = null) => new()
    {
        AccountId = account,
        Kind = kind,
        Amount = amount,
        PaymentMethod = method,
        OccurredAt = at,
        RecordedBy = by,
        IdempotencyKey = $"test:{Interlocked.Increment(ref _key)}",
        Note = note,
    };

    public async Task AddAsync(IEnumerable<object> rows)
    {
        await using var db = Database.CreateDbContext();
        db.AddRange(rows);
        await db.SaveChangesAsync();
    }

    public async ValueTask DisposeAsync() => await Database.DisposeAsync();
}
