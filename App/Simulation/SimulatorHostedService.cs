using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Prepaid.Acquisition.Simulator;
using Prepaid.App.Kernel.Hosting;
using Prepaid.App.Persistence;
namespace Prepaid.App.Simulation;

/// <summary>
/// Runs the mall simulator inside the server when <c>Simulator:Enabled</c> is true: loads the topology from the
/// database (and each prepaid meter's purchases from its non-volatile memory, <c>simulator/meter-memory.json</c>
/// beside the database), opens one port per bus and updates the loads until the host stops.
/// </summary>
public sealed class SimulatorHostedService(
    IDbContextFactory<PrepaidDb> dbFactory,
    IOptions<SimulationOptions> options,
    IOptions<DatabaseOptions> database,
    TimeProvider clock,
    ILogger<SimulatorHostedService> logger,
    StartGate startGate,
    ILoggerFactory? loggerFactory = null) : BackgroundService
{
    private readonly TaskCompletionSource<MallSimulator?> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Taken when the host resolves its services, before any of them starts: acquisition polls only once the
    // simulated gateways listen (or the simulator gave up).
    private readonly StartHold? _listening = options.Value.Enabled ? startGate.Hold(StartStage.GatewaysListening, "Simulator") : null;
    private MallSimulator? _simulator;

    /// <summary>The running simulator once started (null when disabled), for fault injection from the UI or tests.</summary>
    public Task<MallSimulator?> Started => _started.Task;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The simulator rebuilds its meters from the database: the past must be complete first.
        await startGate.WaitAsync(StartStage.PastWritten, stoppingToken);
        var settings = options.Value;
        if (!settings.Enabled)
        {
            _started.TrySetResult(null);
            return;
        }

        try
        {
            // The meters' non-volatile memory lives beside the database, like the meters' own EEPROM beside the server.
            var memory = new FileMeterMemory(Path.Combine(database.Value.DataDirectory, "simulator", "meter-memory.json"));
            var topology = await new SimulationTopologyLoader(dbFactory, memory).LoadAsync(clock.GetUtcNow(), stoppingToken);
            // The simulator logs each bus it opens (gateway, bus, port) through the host's loggers.
            _simulator = SimulatorFactory.Start(topology, settings, clock, loggerFactory, memory);

            _started.TrySetResult(_simulator);
            _listening?.Release();
            await _simulator.RunAsync(TimeSpan.FromSeconds(settings.LoadUpdateSeconds), stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "The simulator could not start.");
            _started.TrySetException(ex);
        }
        finally
        {
            _started.TrySetResult(null);
            _listening?.Release(failed: !_started.Task.IsCompletedSuccessfully || _started.Task.Result is null);
        }
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // Stop can be called more than once (host stop, then dispose): only one caller gets the simulator.
        if (Interlocked.Exchange(ref _simulator, null) is { } simulator)
        {
            await simulator.DisposeAsync();
        }
    }
}
