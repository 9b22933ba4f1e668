using Microsoft.Data.Sqlite;
using Prepaid.App.Kernel.Hosting;
using Prepaid.App.Persistence;

namespace Prepaid.App.Hosting;

/// <summary>
/// One server per SQLite database: an exclusive lock on <c>prepaid.db.lock</c> beside the database file, taken before
/// anything is written and held until the server stops (the operating system lets go of it when the process dies,
/// so a crash never leaves a stale lock). A second server on the same file would poll the same RS485 lines as a
/// second master and run every in-process guard (account gates, receipt book, command queues, alarm engine) twice;
/// it is refused with a message that says so.
/// </summary>
internal sealed class SqliteInstanceLock(string connectionString) : IStartupTask, IDisposable
{
    private FileStream? _lock;

    public StartupPhase Phase => StartupPhase.Checks;

    /// <summary>The lock file for a connection string; null for an in-memory database.</summary>
    public static string? LockPathFor(string connectionString)
    {
        var source = new SqliteConnectionStringBuilder(connectionString).DataSource;
        return string.IsNullOrEmpty(source) || source == ":memory:" || source.StartsWith("file::memory:", StringComparison.Ordinal)
            ? null
            : Path.GetFullPath(source) + ".lock";
    }

    public Task RunAsync(CancellationToken cancellationToken)
    {
        if (_lock is not null || LockPathFor(connectionString) is not { } path)
        {
            return Task.CompletedTask;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            // FileShare.None is an exclusive advisory lock on Linux and a sharing lock on Windows: either way a second
            // process (or a second host in this one) cannot open it while this one holds it.
            _lock = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (IOException e)
        {
            throw new InvalidOperationException(
                $"Another Prepaid server is already running on the database {path[..^".lock".Length]} (it holds {path}). " +
                "Stop it first, or give this one its own Database:DataDirectory: two servers on one database would poll the same meters twice.", e);
        }

        return Task.CompletedTask;
    }

    /// <summary>Registers the lock as a start-up check when the database is a SQLite file.</summary>
    public static void Register(IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            var connectionString = PersistenceServiceCollectionExtensions.ResolveConnectionString(options, configuration);
            services.AddSingleton(_ => new SqliteInstanceLock(connectionString));
            services.AddSingleton<IStartupTask>(sp => sp.GetRequiredService<SqliteInstanceLock>());
        }
    }

    public void Dispose()
    {
        _lock?.Dispose();
        _lock = null;
    }
}
