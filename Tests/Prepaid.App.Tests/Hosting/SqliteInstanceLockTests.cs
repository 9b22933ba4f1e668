using Microsoft.Data.Sqlite;
using Prepaid.App.Hosting;
using Prepaid.App.Tests.Support;

namespace Prepaid.App.Tests.Hosting;

/// <summary>One server per SQLite database: a second one on the same file is refused before it writes anything.</summary>
public sealed class SqliteInstanceLockTests
{
    private static string ConnectionTo(string folder) =>
        new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "prepaid.db"), Pooling = true }.ToString();

    [Fact]
    public async Task Run_SecondServerOnTheSameDatabase_IsRefusedWithAClearMessageUntilTheFirstStops()
    {
        await using var database = await TestDatabase.CreateAsync();
        var connection = ConnectionTo(database.Folder);
        using var first = new SqliteInstanceLock(connection);
        await first.RunAsync(default);

        using var second = new SqliteInstanceLock(connection);
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => second.RunAsync(default));

        Assert.Equal(
            $"Another Prepaid server is already running on the database {Path.Combine(database.Folder, "prepaid.db")} (it holds {Path.Combine(database.Folder, "prepaid.db")}.lock). " +
            "Stop it first, or give this one its own Database:DataDirectory: two servers on one database would poll the same meters twice.", refused.Message);
        first.Dispose();
        await second.RunAsync(default);
    }

    [Fact]
    public async Task Run_TwoDatabases_BothStart()
    {
        await using var one = await TestDatabase.CreateAsync();
        await using var two = await TestDatabase.CreateAsync();
        using var a = new SqliteInstanceLock(ConnectionTo(one.Folder));
        using var b = new SqliteInstanceLock(ConnectionTo(two.Folder));

        await a.RunAsync(default);
        await b.RunAsync(default);

        Assert.Null(SqliteInstanceLock.LockPathFor("Data Source=:memory:"));
    }
}
