using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Prepaid.App.Alarms;
using Prepaid.App.Kernel.Live;
using Prepaid.App.Persistence;
using Prepaid.App.Tests.Identity;
using Prepaid.App.Tests.Support;
using Prepaid.Domain.Model;
using Prepaid.Domain.Security;

namespace Prepaid.App.Tests.Alarms;

/// <summary>The alarm engine, its read side and sources over a fresh database, on a test clock.</summary>
internal sealed class AlarmTestHost : IAsyncDisposable
{
    public static readonly System.Security.Claims.ClaimsPrincipal Electrician = AccessMatrixTests.Principal("electrician", Roles.DutyElectrician);

    private AlarmTestHost(TestDatabase database, FakeTimeProvider clock)
    {
        Database = database;
        Clock = clock;
        var options = Options.Create(new AlarmOptions());
        Notifier = new AlarmNotifier(clock, NullLogger<AlarmNotifier>.Instance);
        Query = new AlarmQuery(database, clock, options);
        Service = new AlarmService(database, Notifier, Query, clock, options, NullLogger<AlarmService>.Instance);
        LiveNotifier = new LiveStateNotifier(clock, NullLogger<LiveStateNotifier>.Instance);
        Cache = new LiveStateCache(database, LiveNotifier);
        Sources = new AlarmSourcesHostedService(database, Service, LiveNotifier, Cache, options, clock, NullLogger<AlarmSourcesHostedService>.Instance,
            new Prepaid.App.Kernel.Hosting.StartGate(), [new Prepaid.App.Billing.MeterBilling.DeliveryCommandAlarms(), new Prepaid.App.Meters.KeepPower.KeepPowerCommandAlarms()]);
    }

    public TestDatabase Database { get; }
    public FakeTimeProvider Clock { get; }
    public AlarmNotifier Notifier { get; }
    public AlarmQuery Query { get; }
    public AlarmService Service { get; }
    public LiveStateNotifier LiveNotifier { get; }
    public LiveStateCache Cache { get; }
    public AlarmSourcesHostedService Sources { get; }

    public DateTimeOffset Now => Clock.GetUtcNow();

    public static async Task<AlarmTestHost> CreateAsync(bool seedDemo = false) =>
        new(await TestDatabase.CreateAsync(seedDemo), new FakeTimeProvider(TestTime.DefaultStart));

    /// <summary>A second engine over the same database, as after a restart.</summary>
    public AlarmService Restarted()
    {
        var options = Options.Create(new AlarmOptions());
        return new AlarmService(Database, Notifier, new AlarmQuery(Database, Clock, options), Clock, options, NullLogger<AlarmService>.Instance);
    }

    public async Task<Alarm> AlarmAsync(AlarmSourceKind kind, int id, AlarmCondition condition)
    {
        await using var db = Database.CreateDbContext();
        return await db.Alarms.AsNoTracking().SingleAsync(a => a.SourceKind == kind && a.SourceId == id && a.Condition == condition);
    }

    public async Task<List<AlarmJournalEntry>> JournalAsync(long alarmId)
    {
        await using var db = Database.CreateDbContext();
        return await db.AlarmJournal.AsNoTracking().Where(j => j.AlarmId == alarmId).OrderBy(j => j.Sequence).ToListAsync();
    }

    public async Task<int> JournalCountAsync()
    {
        await using var db = Database.CreateDbContext();
        return await db.AlarmJournal.CountAsync();
    }

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
