using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Prepaid.App.Demo;
using Prepaid.App.Persistence;
namespace Prepaid.App.Tests.Support;

/// <summary>
/// A SQLite file per test, deleted on dispose. Migrating (and seeding the demo) happens once per test run into a
/// template file; each test gets its own copy of that file, so its data stays its own.
/// </summary>
public sealed class TestDatabase : IDbContextFactory<PrepaidDb>, IAsyncDisposable
{
    private static readonly string RunFolder = Path.Combine(Path.GetTempPath(), "prepaid-tests", "templates-" + Guid.NewGuid().ToString("N"));
    private static readonly Lazy<Task<string>> MigratedTemplate = new(() => Task.Run(() => BuildTemplateAsync(seedDemoAt: null)));
    private static readonly ConcurrentDictionary<DateTimeOffset, Lazy<Task<string>>> SeededTemplates = new();

    private readonly DbContextOptions<SqliteDb> _options;

    static TestDatabase()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(RunFolder, recursive: true);
            }
            catch (IOException)
            {
                // Left to the temp folder's cleanup.
            }
        };
    }

    private TestDatabase(string folder)
    {
        Folder = folder;
        _options = Options(Path.Combine(folder, "test.db"));
    }

    public string Folder { get; }

    public static async Task<TestDatabase> CreateAsync(bool seedDemo = false, DateTimeOffset? now = null)
    {
        var template = seedDemo
            ? await SeededTemplates.GetOrAdd(now ?? TestTime.DefaultStart, at => new Lazy<Task<string>>(() => Task.Run(() => BuildTemplateAsync(at)))).Value
            : await MigratedTemplate.Value;
        var folder = NewFolder();
        File.Copy(template, Path.Combine(folder, "test.db"));
        return new TestDatabase(folder);
    }

    /// <summary>
    /// Gives a whole-app host its database file already migrated (<c>prepaid.db</c> in <paramref name="dataFolder"/>), as
    /// the host's own migrator would leave it; the host then finds no pending migration and seeds as usual.
    /// </summary>
    public static void CopyMigratedInto(string dataFolder)
    {
        Directory.CreateDirectory(dataFolder);
        var target = Path.Combine(dataFolder, "prepaid.db");
        if (!File.Exists(target))
        {
            // The template is built on the thread pool, so blocking here cannot wait on the test's own context.
            File.Copy(MigratedTemplate.Value.GetAwaiter().GetResult(), target);
        }
    }

    public DemoSeeder CreateSeeder(DateTimeOffset now, bool enabled = true) => new(
        this,
        Microsoft.Extensions.Options.Options.Create(new DemoOptions { Enabled = enabled }),
        new FakeTimeProvider(now),
        NullLogger<DemoSeeder>.Instance);

    public PrepaidDb CreateDbContext() => new SqliteDb(_options);

    public ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still mapped by SQLite on a slow close is left to the temp folder's cleanup.
        }

        return ValueTask.CompletedTask;
    }

    private static string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "prepaid-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static DbContextOptions<SqliteDb> Options(string file) => new DbContextOptionsBuilder<SqliteDb>()
        .UseSqlite($"Data Source={file};Pooling=False")
        .Options;

    /// <summary>Migrates (and optionally seeds) a file the way a test used to, then folds the WAL into it.</summary>
    private static async Task<string> BuildTemplateAsync(DateTimeOffset? seedDemoAt)
    {
        Directory.CreateDirectory(RunFolder);
        var folder = NewFolder();
        var db = new TestDatabase(folder);
        await new DatabaseMigrator(db, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None);
        if (seedDemoAt is { } at)
        {
            await db.CreateSeeder(at).SeedIfEmptyAsync(CancellationToken.None);
        }

        var source = Path.Combine(folder, "test.db");
        await using (var connection = new SqliteConnection($"Data Source={source};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await checkpoint.ExecuteNonQueryAsync();
        }

        // The file keeps journal_mode=WAL in its header, as a migrated database does; its WAL is empty now.
        var template = Path.Combine(RunFolder, (seedDemoAt is { } seeded ? "demo-" + seeded.UtcTicks : "migrated") + ".db");
        File.Copy(source, template);
        await db.DisposeAsync();
        return template;
    }
}
