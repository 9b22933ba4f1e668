using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Prepaid.App.Kernel.Hosting;
using Prepaid.App.Persistence;

namespace Prepaid.App.Hosting;

/// <summary>
/// Migrates (when configured) and then runs the startup tasks (checks, seeds, users, the demo history) in phase
/// order, before anything else starts. It runs in <c>StartingAsync</c> so the web server never answers on a
/// database without its schema. The checks run first, so a refused start writes nothing.
/// </summary>
internal sealed class DatabaseStartup(
    DatabaseMigrator migrator,
    IEnumerable<IStartupTask> tasks,
    IDbContextFactory<PrepaidDb> factory,
    IOptions<DatabaseOptions> options) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var ordered = tasks.OrderBy(t => t.Phase).ToList();
        foreach (var check in ordered.Where(t => t.Phase == StartupPhase.Checks))
        {
            await check.RunAsync(cancellationToken);
        }

        if (options.Value.ShouldAutoMigrate)
        {
            await migrator.MigrateAsync(cancellationToken);
        }
        else
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                throw new InvalidOperationException(
                    $"The {options.Value.Provider} database has {pending.Count} pending migrations ({string.Join(", ", pending)}) " +
                    "and automatic migration is off. Run 'Prepaid.App migrate' first.");
            }
        }

        foreach (var task in ordered.Where(t => t.Phase != StartupPhase.Checks))
        {
            await task.RunAsync(cancellationToken);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
