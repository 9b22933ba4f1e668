using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Prepaid.App.Demo;
using Prepaid.App.Identity;
using Prepaid.App.Persistence;
namespace Prepaid.App.Hosting;

/// <summary>
/// Migrates (when configured) and seeds before anything else starts. It runs in <c>StartingAsync</c> so the
/// web server never answers on a database without its schema.
/// </summary>
internal sealed class DatabaseStartup(
    DatabaseMigrator migrator,
    DemoSeeder seeder,
    Demo.History.DemoHistory history,
    Prepaid.App.Kernel.Hosting.DemoHistoryGate gate,
    IHostApplicationLifetime lifetime,
    ILogger<DatabaseStartup> logger,
    IOptions<DemoOptions> demo,
    TimeProvider time,
    IdentitySeeder identity,
    IDbContextFactory<PrepaidDb> factory,
    IOptions<DatabaseOptions> options) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
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

        // The demo is seeded as of the start of its history, then the product runs over the simulated days up to now.
        var now = time.GetUtcNow();
        var days = demo.Value.HistoryDays;
        var from = Demo.History.DemoHistory.StartFor(now, days);
        var seeded = await seeder.SeedIfEmptyAsync(cancellationToken, days > 0 ? from : null);
        await identity.SeedAsync(cancellationToken);
        if (seeded && days > demo.Value.SynchronousHistoryDays)
        {
            // A long history runs after the server answers; the gate holds the live services until it is done.
            gate.Begin(days);
            _ = Task.Run(() => RunInBackgroundAsync(from, now, lifetime.ApplicationStopping), CancellationToken.None);
        }
        else if (seeded && days > 0)
        {
            await history.RunAsync(from, now, cancellationToken);
        }
    }

    private async Task RunInBackgroundAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken stopping)
    {
        try
        {
            await history.RunAsync(from, to, stopping);
            gate.Complete();
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            logger.LogWarning("Demo history stopped with the application; the database holds a partial history");
        }
        catch (Exception e)
        {
            logger.LogError(e, "Demo history failed; the live services start on the history written so far");
            gate.Complete(failed: true);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

internal static class DatabaseStartupExtensions
{
    public static IServiceCollection AddDatabaseStartup(this IServiceCollection services) =>
        services.AddHostedService<DatabaseStartup>();
}
