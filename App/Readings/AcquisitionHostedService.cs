using Prepaid.App.Kernel.Contracts;
using Prepaid.App.Kernel.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Prepaid.Acquisition.Polling;
using Prepaid.App.Persistence;
using Prepaid.Domain.Model;

namespace Prepaid.App.Readings;

/// <summary>
/// Runs the acquisition engine on the database's topology, processes its readings in batches (state, intervals,
/// freezes, events), updates the live cache, stores communication events and reloads a changed configuration.
/// Every loop is guarded: one failure is logged and retried, never the end of acquisition.
/// </summary>
public sealed class AcquisitionHostedService(
    IDbContextFactory<PrepaidDb> factory,
    ReadingPipeline pipeline,
    Prepaid.App.Kernel.Commands.MeterCommandRunner commands,
    Prepaid.App.Kernel.Contracts.ConfigurationChangeSignal configurationChanged,
    IOptions<AcquisitionServiceOptions> options,
    TimeProvider time,
    ILogger<AcquisitionHostedService> logger,
    ILoggerFactory loggerFactory,
    StartGate startGate) : BackgroundService, IAcquisitionAccess
{
    // Bounded: when processing falls behind, the buses wait for it instead of piling readings up in memory.
    private readonly ChannelReadingSink _readings = new(options.Value.BatchSize * 2);
    private readonly ChannelCommunicationEventSink _events = new();
    private readonly Prepaid.App.Kernel.Commands.PendingCommandResumer _resumer = new(time);
    private readonly TaskCompletionSource<AcquisitionEngine> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private AcquisitionEngine? _engine;

    /// <summary>The running engine (for the diagnostics page and commands), once started.</summary>
    public AcquisitionEngine? Engine => _engine;

    /// <summary>Completes with the engine when it exists (never when acquisition is disabled), for whoever must act after it.</summary>
    public Task<AcquisitionEngine> Started => _started.Task;

    /// <inheritdoc />
    public bool Enabled => options.Value.Enabled;

    /// <inheritdoc />
    public TimeSpan FastPeriod => options.Value.FastPeriod;

    /// <inheritdoc />
    public TimeSpan FullPeriod => options.Value.FullPeriod;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        // The past must be written, and in the demo the gateways are the built-in simulator: its ports open first.
        await startGate.WaitAsync(StartStage.GatewaysListening, stoppingToken);
        var engine = new AcquisitionEngine(_readings, _events, new AcquisitionOptions { TimeProvider = time }, loggerFactory);
        _engine = engine;
        _started.TrySetResult(engine);
        await using (engine)
        {
            var configuration = await WithRetryAsync(ct => AcquisitionConfigurationLoader.LoadAsync(factory, settings, ct), stoppingToken);
            logger.LogInformation("Acquisition starts: {Gateways} gateways, {Buses} buses, {Meters} meters",
                configuration.Gateways.Count, configuration.Gateways.Sum(g => g.Buses.Count), configuration.Gateways.Sum(g => g.Buses.Sum(b => b.Meters.Count)));
            await Task.WhenAll(
                engine.RunAsync(configuration, stoppingToken),
                ResumeCommandsAsync(engine, stoppingToken),
                pipeline.RunAsync(_readings.Reader, settings.BatchSize, settings.BatchWindow, stoppingToken),
                StoreEventsAsync(stoppingToken),
                ReloadAsync(engine, AcquisitionConfigurationLoader.Fingerprint(configuration), stoppingToken));
        }
    }

    /// <summary>Once the buses exist (at start, or after a reload adds gateways), commands a previous process left pending are run again.</summary>
    private async Task ResumeCommandsAsync(AcquisitionEngine engine, CancellationToken cancellationToken)
    {
        try
        {
            var resumed = await _resumer.RunAsync(() => engine.Configuration.Gateways.Count > 0, ct => commands.ResumePendingAsync(engine, ct), cancellationToken);
            if (resumed > 0)
            {
                logger.LogInformation("Resumed {Count} pending commands", resumed);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Pending commands could not be resumed; they stay pending for the next start");
        }
    }

    private async Task StoreEventsAsync(CancellationToken cancellationToken)
    {
        await foreach (var e in _events.Reader.ReadAllAsync(cancellationToken))
        {
            try
            {
                var (kind, id) = e.MeterId is { } m ? (AlarmSourceKind.Meter, m) : e.BusId is { } b ? (AlarmSourceKind.Bus, b) : (AlarmSourceKind.Gateway, e.GatewayId);
                logger.LogInformation("Communication {Event} on {SourceKind} {SourceId}: {Detail}", e.Kind, kind, id, e.Detail);
                await using var db = await factory.CreateDbContextAsync(cancellationToken);
                db.MeterEvents.Add(new MeterEvent
                {
                    At = e.Time,
                    SourceKind = kind,
                    SourceId = id,
                    Kind = Enum.Parse<MeterEventKind>(e.Kind.ToString()),
                    Detail = e.Detail is { Length: > 500 } d ? d[..500] : e.Detail,
                });
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Communication event {Event} could not be stored", e.Kind);
            }
        }
    }

    private async Task ReloadAsync(AcquisitionEngine engine, string running, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        while (!cancellationToken.IsCancellationRequested)
        {
            // A committed configuration change raises the signal: compare at once instead of at the next period.
            await configurationChanged.WaitAsync(settings.ConfigurationRefresh, time, cancellationToken);
            try
            {
                var configuration = await AcquisitionConfigurationLoader.LoadAsync(factory, settings, cancellationToken);
                var fingerprint = AcquisitionConfigurationLoader.Fingerprint(configuration);
                if (fingerprint != running)
                {
                    var change = await engine.ApplyConfigurationAsync(configuration);
                    running = fingerprint;
                    _resumer.ConfigurationApplied();
                    logger.LogInformation("Acquisition configuration reloaded: started {Started}, stopped {Stopped}, restarted {Restarted}, updated {Updated}",
                        change.Started, change.Stopped, change.Restarted, change.Updated);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "The acquisition configuration could not be reloaded; the running one stays");
            }
        }
    }

    private async Task<T> WithRetryAsync<T>(Func<CancellationToken, Task<T>> action, CancellationToken cancellationToken)
    {
        for (var delay = TimeSpan.FromSeconds(1); ; delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromMinutes(1).Ticks)))
        {
            try
            {
                return await action(cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Acquisition could not load its configuration; retrying in {Delay}", delay);
                await Task.Delay(delay, time, cancellationToken);
            }
        }
    }
}
