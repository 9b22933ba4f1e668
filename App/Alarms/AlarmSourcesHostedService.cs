using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Prepaid.Acquisition.Drivers;
using Prepaid.App.Kernel.Contracts;
using Prepaid.App.Kernel.Hosting;
using Prepaid.App.Kernel.Live;
using Prepaid.App.Persistence;
using Prepaid.Domain.Alarms;
using Prepaid.Domain.Model;

namespace Prepaid.App.Alarms;

/// <summary>
/// Feeds the alarm engine from what acquisition already produces, without touching its hot path: the stored
/// communication and energy-delta events (read by id), the command journal's failed and refused commands (read by
/// completion time; not a failed keep-power expiry Release, which KeepPowerService alarms itself with its retry
/// plan, nor a delivery purchase that needs an operator, which recharge delivery alarms itself), and the live cache's
/// changed meters (fault bit, over-power trip, a lost meter reading good again).
/// Also drives the engine's clock (delays, shelf expiry). Every iteration is guarded and backs off.
/// </summary>
public sealed class AlarmSourcesHostedService(
    IDbContextFactory<PrepaidDb> factory,
    AlarmService alarms,
    LiveStateNotifier liveNotifier,
    LiveStateCache cache,
    IOptions<AlarmOptions> options,
    TimeProvider time,
    ILogger<AlarmSourcesHostedService> logger,
    StartGate startGate,
    IEnumerable<ICommandAlarmOwner> commandAlarmOwners) : BackgroundService
{
    private long _eventWatermark;
    private DateTimeOffset _commandWatermark;
    private long _commandIdAtWatermark;

    private readonly ICommandAlarmOwner[] _commandAlarmOwners = [.. commandAlarmOwners];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await startGate.WaitAsync(StartStage.PastWritten, stoppingToken);
        if (!options.Value.Enabled)
        {
            return;
        }

        await InitializeAsync(stoppingToken);
        using var subscription = liveNotifier.Subscribe(ids => OnMetersChangedAsync(ids, stoppingToken), TimeSpan.FromMilliseconds(250));
        await new GuardedLoop("Reading the alarm sources", time, logger) { MaxPause = TimeSpan.FromSeconds(30) }
            .RunAsync(PollOnceAsync, options.Value.PollInterval, stoppingToken);
    }

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        for (var delay = TimeSpan.FromSeconds(1); ; delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks)))
        {
            try
            {
                // What happened before this start is already in the stored alarms; a restarted acquisition reports again what is still wrong.
                await using var db = await factory.CreateDbContextAsync(cancellationToken);
                _eventWatermark = await db.MeterEvents.MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0;
                _commandWatermark = time.GetUtcNow();
                await alarms.TickAsync(cancellationToken);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "The alarm engine could not start; retrying in {Delay}", delay);
                await Task.Delay(delay, time, cancellationToken);
            }
        }
    }

    /// <summary>One round: new stored events, newly failed commands, then the engine's clock.</summary>
    public async Task PollOnceAsync(CancellationToken cancellationToken)
    {
        await ReadEventsAsync(cancellationToken);
        await ReadCommandsAsync(cancellationToken);
        await alarms.TickAsync(cancellationToken);
    }

    private async Task ReadEventsAsync(CancellationToken cancellationToken)
    {
        List<MeterEvent> events;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            events = await db.MeterEvents.AsNoTracking().Where(e => e.Id > _eventWatermark).OrderBy(e => e.Id).Take(1000).ToListAsync(cancellationToken);
        }

        foreach (var e in events)
        {
            var source = new AlarmSource(e.SourceKind, e.SourceId);
            switch (e.Kind)
            {
                case MeterEventKind.MeterLost or MeterEventKind.BusLost or MeterEventKind.GatewayLost:
                    await alarms.ReportConditionAsync(source, AlarmCondition.CommunicationLost, true, e.At, e.Detail, cancellationToken);
                    break;
                case MeterEventKind.MeterRecovered or MeterEventKind.BusRecovered or MeterEventKind.GatewayRecovered:
                    await alarms.ReportConditionAsync(source, AlarmCondition.CommunicationLost, false, e.At, e.Detail, cancellationToken);
                    break;
                case MeterEventKind.NegativeDelta or MeterEventKind.AbsurdDelta:
                    await alarms.ReportMomentaryAsync(source, AlarmCondition.AbsurdEnergyDelta, e.At, $"{e.Kind}: {e.Detail}", cancellationToken);
                    break;
            }

            _eventWatermark = e.Id;
        }
    }

    private async Task ReadCommandsAsync(CancellationToken cancellationToken)
    {
        List<MeterCommand> failed;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            var since = _commandWatermark;
            failed = await db.MeterCommands.AsNoTracking()
                .Where(c => (c.State == MeterCommandState.Failed || c.State == MeterCommandState.Refused) && c.CompletedAt >= since)
                .OrderBy(c => c.CompletedAt).ThenBy(c => c.Id).Take(1000).ToListAsync(cancellationToken);
        }

        foreach (var c in failed.Where(c => c.CompletedAt > _commandWatermark || c.Id > _commandIdAtWatermark))
        {
            var at = c.CompletedAt!.Value;
            if (!_commandAlarmOwners.Any(o => o.RaisesOwnAlarm(c)))
            {
                await alarms.ReportMomentaryAsync(new AlarmSource(AlarmSourceKind.Meter, c.MeterId), AlarmCondition.CommandFailed, at,
                    $"{c.Kind} {c.State}: {c.Error} (by {c.RequestedBy}: {c.Reason})", cancellationToken);
            }

            _commandIdAtWatermark = at > _commandWatermark ? c.Id : Math.Max(_commandIdAtWatermark, c.Id);
            _commandWatermark = at;
        }
    }

    /// <summary>
    /// Conditions read from the live state of the meters a batch changed. Only differences from what the engine holds
    /// are reported, so a normal batch costs a few dictionary lookups per meter.
    /// </summary>
    public async Task OnMetersChangedAsync(IReadOnlySet<int> meterIds, CancellationToken cancellationToken)
    {
        if (!alarms.IsLoaded)
        {
            return;
        }

        var answered = new Dictionary<int, DateTimeOffset>();
        foreach (var id in meterIds)
        {
            if (await cache.GetAsync(id, cancellationToken) is not { Quality: ValueQuality.Good } snapshot)
            {
                continue;
            }

            answered[id] = snapshot.LastGoodAt ?? snapshot.UpdatedAt;

            var flags = (MeterStatusFlags)snapshot.StatusFlags;
            var at = snapshot.LastGoodAt ?? snapshot.UpdatedAt;
            var source = new AlarmSource(AlarmSourceKind.Meter, id);
            await ReportIfChangedAsync(source, AlarmCondition.MeterFault, flags.HasFlag(MeterStatusFlags.Fault), at, "Status word: meter fault bit set", cancellationToken);
            await ReportIfChangedAsync(source, AlarmCondition.OverPowerTrip, snapshot.SupplyOn == false && flags.HasFlag(MeterStatusFlags.OverPower), at,
                $"Relay open with the over-power flag at {snapshot.PowerKw} kW", cancellationToken);
            // A good reading ends a communication loss even when the loss was reported by a previous process.
            await ReportIfChangedAsync(source, AlarmCondition.CommunicationLost, false, at, null, cancellationToken);
        }

        await ClearAnsweringBusesAndGatewaysAsync(answered, cancellationToken);
    }

    /// <summary>
    /// A meter that answered proves its bus and gateway answer too. Acquisition reports a bus or gateway only on an edge,
    /// so a loss stored by a previous process would otherwise stay active forever once everything answers again after a
    /// restart. Only readings newer than the loss count, so a reading in flight when the bus went down clears nothing.
    /// </summary>
    private async Task ClearAnsweringBusesAndGatewaysAsync(Dictionary<int, DateTimeOffset> answered, CancellationToken cancellationToken)
    {
        var lostBuses = alarms.RawActive(AlarmSourceKind.Bus, AlarmCondition.CommunicationLost);
        var lostGateways = alarms.RawActive(AlarmSourceKind.Gateway, AlarmCondition.CommunicationLost);
        if (answered.Count == 0 || (lostBuses.Count == 0 && lostGateways.Count == 0))
        {
            return;
        }

        var ids = answered.Keys.ToList();
        List<(int MeterId, int BusId, int GatewayId)> topology;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            topology = [.. (await db.Meters.AsNoTracking().Where(m => ids.Contains(m.Id))
                    .Join(db.Buses, m => m.BusId, b => b.Id, (m, b) => new { m.Id, m.BusId, b.GatewayId }).ToListAsync(cancellationToken))
                .Select(t => (t.Id, t.BusId, t.GatewayId))];
        }

        await ClearAsync(AlarmSourceKind.Bus, lostBuses, topology.Select(t => (t.BusId, answered[t.MeterId])), cancellationToken);
        await ClearAsync(AlarmSourceKind.Gateway, lostGateways, topology.Select(t => (t.GatewayId, answered[t.MeterId])), cancellationToken);
    }

    private async Task ClearAsync(AlarmSourceKind kind, IReadOnlyList<(int SourceId, DateTimeOffset Since)> lost, IEnumerable<(int SourceId, DateTimeOffset At)> answers, CancellationToken cancellationToken)
    {
        var newest = answers.GroupBy(a => a.SourceId).ToDictionary(g => g.Key, g => g.Max(a => a.At));
        foreach (var (sourceId, since) in lost)
        {
            if (newest.TryGetValue(sourceId, out var at) && at > since)
            {
                await alarms.ReportConditionAsync(new AlarmSource(kind, sourceId), AlarmCondition.CommunicationLost, false, at, "A meter behind it answers", cancellationToken);
            }
        }
    }

    private Task ReportIfChangedAsync(AlarmSource source, AlarmCondition condition, bool active, DateTimeOffset at, string? message, CancellationToken cancellationToken) =>
        alarms.RawCondition(new AlarmKey(source.Kind, source.Id, condition)) == active
            ? Task.CompletedTask
            : alarms.ReportConditionAsync(source, condition, active, at, message, cancellationToken);
}
