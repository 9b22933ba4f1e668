using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Prepaid.App.Persistence;
using Prepaid.Domain.Alarms;
using Prepaid.Domain.Model;

namespace Prepaid.App.Alarms;

/// <summary>What the wall's banner shows: unacknowledged high and medium alarms, and the one on top of them (highest
/// priority, then newest).</summary>
public sealed record AlarmAnnunciation(int Count, AlarmKey? Top, string? TopMessage, DateTimeOffset? TopAt, AlarmPriority? TopPriority)
{
    public static AlarmAnnunciation None { get; } = new(0, null, null, null, null);
}

/// <summary>
/// The alarm engine of the site: the single entry point for conditions (<see cref="ReportConditionAsync"/>), which
/// runs each through its on/off-delay filter, the ISA-18.2 machine, chatter detection and the suppression by lost
/// gateways, journals every transition in the same transaction as the alarm row, and tells the notifier. Operator
/// actions (see the other part of this class) check permissions here, whatever the caller.
/// </summary>
/// <remarks>
/// One gate serializes every change: alarms change rarely (edges, not readings), so this costs nothing on the
/// acquisition path. Memory is a cache of the database: when a save fails it is dropped and reloaded.
/// </remarks>
public sealed partial class AlarmService(
    IDbContextFactory<PrepaidDb> factory,
    AlarmNotifier notifier,
    AlarmQuery query,
    TimeProvider time,
    IOptions<AlarmOptions> options,
    ILogger<AlarmService> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<AlarmKey, TrackedAlarm> _alarms = new();
    private IReadOnlyDictionary<AlarmKey, string> _suppressed = new Dictionary<AlarmKey, string>();
    private int _siteId;
    private volatile bool _loaded;
    private volatile AlarmAnnunciation _annunciation = AlarmAnnunciation.None;

    /// <summary>The banner's view (kept current after every change).</summary>
    public AlarmAnnunciation Annunciation => _annunciation;

    /// <summary>The banner's view, loading the alarms first if nothing did yet.</summary>
    public async Task<AlarmAnnunciation> GetAnnunciationAsync(CancellationToken cancellationToken = default)
    {
        await RunAsync((_, _) => Task.CompletedTask, cancellationToken);
        return _annunciation;
    }

    /// <summary>
    /// The raw condition the engine last heard for <paramref name="key"/> (false for an alarm it does not hold), read
    /// without the gate so that sources can skip reports that change nothing: the acquisition path stays cheap.
    /// </summary>
    public bool RawCondition(AlarmKey key) => _loaded && _alarms.TryGetValue(key, out var alarm) && alarm.Filter.RawActive;

    /// <summary>
    /// The sources of <paramref name="condition"/> alarms of <paramref name="kind"/> whose raw condition is active, with
    /// since when (read without the gate, like <see cref="RawCondition"/>).
    /// </summary>
    public IReadOnlyList<(int SourceId, DateTimeOffset Since)> RawActive(AlarmSourceKind kind, AlarmCondition condition) =>
        !_loaded
            ? []
            : [.. _alarms.Values
                .Where(a => a.Key.SourceKind == kind && a.Key.Condition == condition && a.Filter.RawActive)
                .Select(a => (a.Key.SourceId, a.Filter.RawSince ?? a.Status.LastEventAt ?? DateTimeOffset.MinValue))];

    /// <summary>True once the stored alarms are in memory (<see cref="RawCondition"/> is meaningful).</summary>
    public bool IsLoaded => _loaded;

    /// <summary>
    /// A source reports its raw condition at <paramref name="at"/>. Repeating the same value is harmless; only filtered
    /// changes reach the alarm. <paramref name="message"/> (technical detail) is kept with an activation.
    /// </summary>
    public Task ReportConditionAsync(AlarmSource source, AlarmCondition condition, bool active, DateTimeOffset at, string? message, CancellationToken cancellationToken = default) =>
        RunAsync((changes, ct) => FeedAsync(new AlarmKey(source.Kind, source.Id, condition), _ => active, at, message, changes, ct), cancellationToken);

    /// <summary>A momentary condition (a failed command, a bad energy delta): an activation and a clear at the same time.</summary>
    public Task ReportMomentaryAsync(AlarmSource source, AlarmCondition condition, DateTimeOffset at, string? message, CancellationToken cancellationToken = default) =>
        RunAsync(async (changes, ct) =>
        {
            var key = new AlarmKey(source.Kind, source.Id, condition);
            await FeedAsync(key, _ => true, at, message, changes, ct);
            await FeedAsync(key, _ => false, at, null, changes, ct);
        }, cancellationToken);

    /// <summary>An analog value against a limit with a deadband (for example the incomer loss in percent), then the delays.</summary>
    public Task ReportAnalogAsync(AlarmSource source, AlarmCondition condition, decimal value, AnalogLimit limit, DateTimeOffset at, string? message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(limit);
        return RunAsync((changes, ct) => FeedAsync(new AlarmKey(source.Kind, source.Id, condition), wasActive => limit.Evaluate(wasActive, value), at, message, changes, ct), cancellationToken);
    }

    /// <summary>Time passes: running delays elapse and shelves expire.</summary>
    public Task TickAsync(CancellationToken cancellationToken = default) =>
        RunAsync(async (changes, ct) =>
        {
            var now = time.GetUtcNow();
            foreach (var alarm in _alarms.Values.Where(a => a.DelayRunning || a.Status.ShelvedUntil <= now).ToList())
            {
                if (alarm.DelayRunning && now >= alarm.Filter.LastAt)
                {
                    var result = ConditionFilter.Evaluate(alarm.Filter, SettingsFor(alarm, now), now);
                    alarm.Filter = result.State;
                    if (result.Event is { } e)
                    {
                        await ApplyConditionAsync(alarm, e, null, changes, ct);
                    }
                }

                Apply(alarm, changes, AlarmMachine.Tick(alarm.Status, now));
            }
        }, cancellationToken);

    private async Task FeedAsync(AlarmKey key, Func<bool, bool> raw, DateTimeOffset at, string? message, Changes changes, CancellationToken ct)
    {
        var known = _alarms.TryGetValue(key, out var alarm);
        alarm ??= new TrackedAlarm(AlarmStatus.Initial(AlarmCatalog.Definition(key)));
        // Sources run on different clocks and threads: a late report counts as now for this alarm, never as the past.
        var when = Latest(at, alarm.Filter.LastAt, alarm.Status.LastEventAt);
        var result = ConditionFilter.Update(alarm.Filter, SettingsFor(alarm, when), raw(alarm.Filter.RawActive), when);
        alarm.Filter = result.State;
        if (!alarm.Filter.RawActive)
        {
            alarm.PendingMessage = null;
        }
        else if (message is not null)
        {
            alarm.PendingMessage = message;
        }

        if (!known && (result.Event is not null || alarm.DelayRunning))
        {
            _alarms[key] = alarm;
        }

        if (result.Event is { } e)
        {
            await ApplyConditionAsync(alarm, e, message, changes, ct);
        }
    }

    private async Task ApplyConditionAsync(TrackedAlarm alarm, AlarmEvent e, string? message, Changes changes, CancellationToken ct)
    {
        if (e.Kind == AlarmEventKind.ConditionActive && _suppressed.TryGetValue(alarm.Key, out var by) && alarm.Status.SuppressedBy is null)
        {
            Apply(alarm, changes, AlarmMachine.Apply(alarm.Status, AlarmEvent.Suppress(e.At, by)));
        }

        var transition = AlarmMachine.Apply(alarm.Status, e);
        if (e.Kind == AlarmEventKind.ConditionActive && (message ?? alarm.PendingMessage) is { } text)
        {
            alarm.Message = text.Length > 500 ? text[..500] : text;
            alarm.PendingMessage = null;
        }

        if (!Apply(alarm, changes, transition))
        {
            return;
        }

        var (window, chattering) = ChatterDetector.Record(alarm.Transitions, e.At);
        alarm.Transitions = window;
        if (chattering)
        {
            alarm.LastChatterAt = e.At;
            logger.LogWarning("Alarm {Alarm} is chattering ({Count} transitions within a minute); its off-delay is raised", alarm.Key, window.Count);
        }

        if (alarm.Key is { SourceKind: AlarmSourceKind.Gateway, Condition: AlarmCondition.CommunicationLost })
        {
            await RecomputeSuppressionAsync(e.At, changes, ct);
        }
    }

    /// <summary>A lost gateway suppresses its buses' and meters' communication alarms; a recovered one releases them.</summary>
    private async Task RecomputeSuppressionAsync(DateTimeOffset at, Changes changes, CancellationToken ct)
    {
        var after = await SuppressionAsync(ct);
        foreach (var (key, e) in SuppressionRules.Changes(_suppressed, after, at))
        {
            // Alarms that never fired need no record; they are suppressed when they first activate.
            if (_alarms.TryGetValue(key, out var alarm)
                && (e.Kind == AlarmEventKind.Unsuppress || alarm.Status.ConditionActive || alarm.Status.State != AlarmState.Normal))
            {
                var transition = AlarmMachine.Apply(alarm.Status, e with { At = Latest(at, alarm.Status.LastEventAt) });
                Apply(alarm, changes, transition);
            }
        }

        _suppressed = after;
    }

    private async Task<IReadOnlyDictionary<AlarmKey, string>> SuppressionAsync(CancellationToken ct)
    {
        var lost = _alarms.Values
            .Where(a => a.Key is { SourceKind: AlarmSourceKind.Gateway, Condition: AlarmCondition.CommunicationLost } && a.Status.ConditionActive)
            .Select(a => a.Key.SourceId).ToList();
        if (lost.Count == 0)
        {
            return new Dictionary<AlarmKey, string>();
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var gateways = await db.Gateways.AsNoTracking().Where(g => lost.Contains(g.Id)).Include(g => g.Buses).ThenInclude(b => b.Meters).ToListAsync(ct);
        return SuppressionRules.Suppressed(SuppressionRules.FromModel(gateways), lost);
    }

    private ConditionFilterSettings SettingsFor(TrackedAlarm alarm, DateTimeOffset at)
    {
        var settings = AlarmCatalog.Filter(alarm.Key);
        var o = options.Value;
        return alarm.LastChatterAt is { } chatter && at - chatter < o.ChatterHold && settings.OffDelay < o.ChatterOffDelay
            ? settings with { OffDelay = o.ChatterOffDelay }
            : settings;
    }

    private static DateTimeOffset Latest(DateTimeOffset at, params DateTimeOffset?[] others)
    {
        foreach (var other in others)
        {
            if (other is { } o && o > at)
            {
                at = o;
            }
        }

        return at;
    }

    /// <summary>Keeps a changed transition; true when it changed the alarm.</summary>
    private static bool Apply(TrackedAlarm alarm, Changes changes, AlarmTransition transition)
    {
        if (transition.Outcome != AlarmOutcome.Changed)
        {
            return false;
        }

        alarm.Status = transition.Status;
        changes.Add(alarm, transition.Records);
        return true;
    }
}
