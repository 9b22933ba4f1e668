namespace Prepaid.App.Kernel.Hosting;

/// <summary>When a startup task runs, after the database is migrated and before the web server answers.</summary>
public enum StartupPhase
{
    /// <summary>Checks that refuse the start before anything is written (published demo secrets in Production).</summary>
    Checks = 0,

    /// <summary>Data every later phase needs (the roles, the demo mall).</summary>
    Seed = 1,

    /// <summary>The first administrator, created only while the user table is empty.</summary>
    Administrators = 2,

    /// <summary>Other users (the demo's).</summary>
    Users = 3,

    /// <summary>Work over the seeded data (the demo history).</summary>
    History = 4,
}

/// <summary>
/// A step features and the demo plug into the start: tasks run one at a time in phase order, and their order
/// comes from <see cref="Phase"/>, never from the order they were registered in.
/// </summary>
public interface IStartupTask
{
    /// <summary>When the task runs.</summary>
    StartupPhase Phase { get; }

    /// <summary>Runs the task; an exception refuses the start.</summary>
    Task RunAsync(CancellationToken cancellationToken);
}
