using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Prepaid.App.Persistence;

/// <summary>Creates the data folder for SQLite and applies pending migrations.</summary>
public sealed class DatabaseMigrator(IDbContextFactory<PrepaidDb> factory, ILogger<DatabaseMigrator> logger)
{
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (db.Provider == DatabaseProvider.Sqlite)
        {
            var file = EnsureSqliteFolder(db.Database.GetConnectionString());
            logger.LogInformation("SQLite database: {DatabaseFile}", file);
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} migrations on {Provider}: {Migrations}", pending.Count, db.Provider, pending);
            await db.Database.MigrateAsync(cancellationToken);
        }

        if (db.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets the pollers write while pages read; it is a property of the file, so set it once here.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        return pending;
    }

    private static string EnsureSqliteFolder(string? connectionString)
    {
        var source = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(source) || source == ":memory:" || source.StartsWith("file:", StringComparison.Ordinal))
        {
            return source;
        }

        var path = Path.GetFullPath(source);
        var folder = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        return path;
    }
}
