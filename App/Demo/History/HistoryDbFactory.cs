using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Prepaid.App.Persistence;
namespace Prepaid.App.Demo.History;

/// <summary>
/// The contexts the history's services write through. On SQLite each connection runs with <c>synchronous=NORMAL</c>:
/// in WAL mode a commit then no longer waits for the disk (the WAL is synced at checkpoints), which is most of the
/// cost of the history's thousands of small transactions, and a crash still leaves a consistent database (at worst
/// without the last transactions, which the history's idempotent steps would write again; the README says to start
/// a broken history over anyway). <see cref="Release"/> empties the connection pool afterwards, so no live service
/// gets one of these connections.
/// </summary>
internal sealed class HistoryDbFactory(IDbContextFactory<PrepaidDb> inner) : IDbContextFactory<PrepaidDb>
{
    public PrepaidDb CreateDbContext()
    {
        var db = inner.CreateDbContext();
        if (db.Provider == DatabaseProvider.Sqlite)
        {
            db.Database.OpenConnection();
            db.Database.ExecuteSqlRaw("PRAGMA synchronous=NORMAL;");
        }

        return db;
    }

    public async Task<PrepaidDb> CreateDbContextAsync(CancellationToken cancellationToken = default)
    {
        var db = await inner.CreateDbContextAsync(cancellationToken);
        if (db.Provider == DatabaseProvider.Sqlite)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous=NORMAL;", cancellationToken);
        }

        return db;
    }

    /// <summary>Drops the pooled connections (idle ones now, busy ones when they close), so the live services open fresh
    /// ones with the default durability.</summary>
    public static void Release() => SqliteConnection.ClearAllPools();
}
