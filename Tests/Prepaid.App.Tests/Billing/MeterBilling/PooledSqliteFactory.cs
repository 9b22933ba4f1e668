using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Prepaid.App.Persistence;
namespace Prepaid.App.Tests.Billing.MeterBilling;

/// <summary>
/// The test database's file through pooled connections without fsync: thousands of randomized runs in seconds. The
/// SQL and the transactions are the same as the product's; only durability against a power cut is dropped.
/// </summary>
internal sealed class PooledSqliteFactory(string folder, params IInterceptor[] more) : IDbContextFactory<PrepaidDb>
{
    private readonly DbContextOptions<SqliteDb> _options = new DbContextOptionsBuilder<SqliteDb>()
        .UseSqlite($"Data Source={Path.Combine(folder, "test.db")};Pooling=True")
        .AddInterceptors([new NoSync(), .. more])
        .Options;

    /// <summary>The folder of the database file.</summary>
    public string Folder => folder;

    public PrepaidDb CreateDbContext() => new SqliteDb(_options);

    private sealed class NoSync : DbConnectionInterceptor
    {
        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Run(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Run(connection);
            return Task.CompletedTask;
        }

        private static void Run(DbConnection connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA synchronous=OFF;";
            command.ExecuteNonQuery();
        }
    }
}
