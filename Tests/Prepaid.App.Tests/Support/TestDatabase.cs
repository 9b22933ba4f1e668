using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Prepaid.App.Demo;
using Prepaid.App.Persistence;
namespace Prepaid.App.Tests.Support;

/// <summary>A fresh, migrated SQLite file per test, deleted on dispose.</summary>
public sealed class TestDatabase : IDbContextFactory<PrepaidDb>, IAsyncDisposable
{
    private readonly DbContextOptions<SqliteDb> _options;

    private TestDatabase(string folder)
    {
        Folder = folder;
        _options = new DbContextOptionsBuilder<SqliteDb>()
            .UseSqlite($"Data Source={Path.Combine(folder, "test.db")};Pooling=False")
            .Options;
    }

    public string Folder { get; }

    public static async Task<TestDatabase> CreateAsync(bool seedDemo = false, DateTimeOffset? now = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "prepaid-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var db = new TestDatabase(folder);
        await new DatabaseMigrator(db, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None);
        if (seedDemo)
        {
            await db.CreateSeeder(now ?? TestClock.DefaultStart).SeedIfEmptyAsync(CancellationToken.None);
        }

        return db;
    }

    public DemoSeeder CreateSeeder(DateTimeOffset now, bool enabled = true) => new(
        this,
        Options.Create(new DemoOptions { Enabled = enabled }),
        new TestClock(now),
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
}
