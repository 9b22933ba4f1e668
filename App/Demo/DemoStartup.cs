using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Prepaid.App.Demo.History;
using Prepaid.App.Identity;
using Prepaid.App.Kernel.Hosting;
using Prepaid.App.Persistence.Entities;

namespace Prepaid.App.Demo;

/// <summary>What the demo's startup tasks share within one start: the history's span, and whether this start seeded.</summary>
internal sealed class DemoStart(IOptions<DemoOptions> options, TimeProvider time)
{
    /// <summary>The start's "now": the history runs up to it.</summary>
    public DateTimeOffset Now { get; } = time.GetUtcNow();

    /// <summary>The seed instant, where the history starts.</summary>
    public DateTimeOffset From => DemoHistory.StartFor(Now, options.Value.HistoryDays);

    /// <summary>True when this start seeded the mall into an empty database (a history then follows).</summary>
    public bool Seeded { get; set; }
}

/// <summary>
/// Refuses, before anything is written, to run in Production with published secrets: the demo's users (their
/// passwords are in the README) or an administrator password that is one of them.
/// </summary>
public sealed class DemoStartGuard(IOptions<DemoOptions> demo, IOptions<SecurityOptions> security, IHostEnvironment environment) : IStartupTask
{
    public StartupPhase Phase => StartupPhase.Checks;

    public Task RunAsync(CancellationToken cancellationToken)
    {
        EnsureNoPublishedSecretsInProduction();
        return Task.CompletedTask;
    }

    public void EnsureNoPublishedSecretsInProduction()
    {
        if (!environment.IsProduction())
        {
            return;
        }

        if (demo.Value.Enabled)
        {
            throw new InvalidOperationException(
                "Demo:Enabled is on in Production: the demo users' passwords are published in the README. " +
                "Set Demo:Enabled=false, or run the demo with ASPNETCORE_ENVIRONMENT=Development.");
        }

        if (security.Value.AdminPassword is { } configured && DemoUsers.All.Any(u => u.Password == configured))
        {
            throw new InvalidOperationException("Security:AdminPassword is a published demo password; choose another for Production.");
        }
    }
}

/// <summary>Seeds the demo mall into an empty database, as of the start of its history.</summary>
internal sealed class DemoSeedTask(DemoSeeder seeder, DemoStart start, IOptions<DemoOptions> options) : IStartupTask
{
    public StartupPhase Phase => StartupPhase.Seed;

    public async Task RunAsync(CancellationToken cancellationToken) =>
        start.Seeded = await seeder.SeedIfEmptyAsync(cancellationToken, options.Value.HistoryDays > 0 ? start.From : null);
}

/// <summary>One user per role for the demo (published passwords; refused in Production by <see cref="DemoStartGuard"/>).</summary>
internal sealed class DemoUsersTask(IdentitySeeder identity, IServiceScopeFactory scopes, IOptions<DemoOptions> options) : IStartupTask
{
    public StartupPhase Phase => StartupPhase.Users;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PrepaidUser>>();
        foreach (var (userName, displayName, role, password) in DemoUsers.All)
        {
            if (await users.FindByNameAsync(userName) is null)
            {
                await identity.CreateUserAsync(users, userName, displayName, role, password, mustChange: false);
            }
        }
    }
}

/// <summary>
/// Runs the demo history after a seed: a short one before the server answers, a long one in the background with
/// the start gate held (the live services wait, the shell shows the progress).
/// </summary>
internal sealed class DemoHistoryTask(
    DemoHistory history,
    DemoStart start,
    StartGate gate,
    IOptions<DemoOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<DemoHistoryTask> logger) : IStartupTask
{
    /// <summary>The hold's name, also the prefix of the banner's texts.</summary>
    public const string HoldName = "DemoHistory";

    public StartupPhase Phase => StartupPhase.History;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var days = options.Value.HistoryDays;
        if (!start.Seeded || days == 0)
        {
            return;
        }

        if (days <= options.Value.SynchronousHistoryDays)
        {
            await history.RunAsync(start.From, start.Now, cancellationToken);
            return;
        }

        var hold = gate.Hold(StartStage.PastWritten, HoldName, days);
        _ = Task.Run(() => RunInBackgroundAsync(hold, lifetime.ApplicationStopping), CancellationToken.None);
    }

    private async Task RunInBackgroundAsync(StartHold hold, CancellationToken stopping)
    {
        try
        {
            await history.RunAsync(start.From, start.Now, stopping, hold);
            hold.Release();
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            logger.LogWarning("Demo history stopped with the application; the database holds a partial history");
        }
        catch (Exception e)
        {
            logger.LogError(e, "Demo history failed; the live services start on the history written so far");
            hold.Release(failed: true);
        }
    }
}
