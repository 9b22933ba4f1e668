using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Prepaid.App.Alarms;
using Prepaid.App.Kernel.Contracts;
using Prepaid.App.Losses;
using Prepaid.App.Kernel.Commands;
using Prepaid.App.Kernel.Live;
using Prepaid.App.Persistence;
using Prepaid.Domain.Model;
using Prepaid.Domain.Security;

namespace Prepaid.App.Demo.History;

/// <summary>
/// The control room of the simulated past: the alarm engine, its sources (stored communication and energy events,
/// failed commands, the live state of the processed meters) and the nightly loss check, all built on the history clock,
/// and the duty electrician (the demo user <see cref="Electrician"/>) who acknowledges most alarms after a plausible
/// delay with a comment, restores a meter tripped by over-power and resets the latched alarm. About one alarm in eight
/// is left unacknowledged, as on a real night shift. Every choice is drawn from the demo seed and the alarm.
/// </summary>
internal sealed class HistoryControlRoom
{
    public const string Electrician = "electrician";

    private static readonly Dictionary<AlarmCondition, string> Comments = new()
    {
        [AlarmCondition.CommunicationLost] = "Checked the RS485 wiring and the meter's address on site; polling is back.",
        [AlarmCondition.OverPowerTrip] = "Tenant told to spread the load; breaker checked, meter released.",
        [AlarmCondition.CommandFailed] = "Command retried after the meter answered again.",
        [AlarmCondition.MeterFault] = "Meter inspected on site.",
        [AlarmCondition.AbsurdEnergyDelta] = "Register jump checked against the meter display; the baseline is correct.",
        [AlarmCondition.ReconciliationDiscrepancy] = "Meter memory compared with the platform; handed to finance.",
        [AlarmCondition.IncomerLoss] = "Walked the floor behind the transformer; unmetered load reported to the property manager.",
    };

    private readonly IDbContextFactory<PrepaidDb> _factory;
    private readonly HistoryClock _clock;
    private readonly MeterCommandRunner _runner;
    private readonly InProcessMeters _meters;
    private readonly LiveStateCache _cache;
    private readonly AlarmSourcesHostedService _sources;
    private readonly LossCheckService _lossCheck;
    private readonly int _seed;
    private readonly ClaimsPrincipal _electrician =
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, Electrician), new Claim(ClaimTypes.Role, Roles.DutyElectrician)], "demo-history"));

    public HistoryControlRoom(IServiceProvider services, HistoryDbFactory factory, HistoryClock clock, MeterCommandRunner runner, InProcessMeters meters, int seed)
    {
        T Make<T>(params object[] args) => ActivatorUtilities.CreateInstance<T>(services, args);

        _factory = factory;
        _clock = clock;
        _runner = runner;
        _meters = meters;
        _seed = seed;
        Alarms = Make<AlarmService>(factory, clock, Make<AlarmNotifier>(clock), Make<AlarmQuery>(factory, clock));
        _cache = Make<LiveStateCache>(factory, Make<LiveStateNotifier>(clock));
        _sources = Make<AlarmSourcesHostedService>(factory, Alarms, clock, _cache);
        OperatorSink = new OperatorAlarmSink(Alarms);
        _lossCheck = Make<LossCheckService>(factory, clock, Make<LossReconciliationQuery>(factory), (ILossAlarmSink)new LossAlarmSink(Alarms, factory, clock));
    }

    public AlarmService Alarms { get; }

    /// <summary>Billing's alarms (the relay policy's over-power alarm) into the history's engine.</summary>
    public Prepaid.App.Kernel.Contracts.IOperatorAlarmSink OperatorSink { get; }

    /// <summary>Stores the communication edges of a round of reads, as acquisition stores its events.</summary>
    public async Task StoreEventsAsync(IReadOnlyList<MeterEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return;
        }

        await using var db = await _factory.CreateDbContextAsync(cancellationToken);
        db.MeterEvents.AddRange(events);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The alarm sources' round: new events, failed commands, then the engine's clock (delays, shelves).</summary>
    public Task PollAsync(CancellationToken cancellationToken) => _sources.PollOnceAsync(cancellationToken);

    /// <summary>The processed meters' live state, as the live cache would hold it, through the alarm sources.</summary>
    public async Task AfterProcessAsync(ProcessedBatch processed, CancellationToken cancellationToken)
    {
        _cache.Apply(processed.States);
        await _sources.OnMetersChangedAsync(processed.States.Select(s => s.MeterId).ToHashSet(), cancellationToken);
    }

    /// <summary>The nightly loss check of yesterday, reported as the incomer-loss condition.</summary>
    public Task LossCheckAsync(CancellationToken cancellationToken) => _lossCheck.CheckYesterdayAsync(cancellationToken);

    /// <summary>The duty electrician's round: acknowledge what waited long enough, restore over-power trips, reset latches.</summary>
    public async Task<int> DutyRoundAsync(CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        List<Alarm> open;
        await using (var db = await _factory.CreateDbContextAsync(cancellationToken))
        {
            open = await db.Alarms.AsNoTracking()
                .Where(a => (a.Unacknowledged || a.State == AlarmState.Latched || a.Condition == AlarmCondition.OverPowerTrip && a.ConditionActive)
                    && a.ShelvedBy == null && a.SuppressedBy == null && a.OutOfServicePermit == null)
                .OrderBy(a => a.Id).ToListAsync(cancellationToken);
        }

        var handled = 0;
        foreach (var alarm in open)
        {
            var draw = HistoryIncidents.Mix(_seed, alarm.Id, alarm.ActivatedAt.UtcTicks) % 1000;
            var overPower = alarm.Condition == AlarmCondition.OverPowerTrip;
            // About one in eight stays for the next shift (and the reports' standing-alarm figures); a shop without power
            // is always seen to.
            if ((draw < 120 && !overPower) || now < alarm.ActivatedAt + TimeSpan.FromMinutes(5 + (draw % 115)))
            {
                continue;
            }

            var comment = Comments.GetValueOrDefault(alarm.Condition);
            try
            {
                if (overPower && alarm.SourceKind == AlarmSourceKind.Meter && alarm.ConditionActive)
                {
                    await RestoreAsync(alarm.SourceId, cancellationToken);
                }

                if (alarm.State == AlarmState.Latched && !alarm.ConditionActive)
                {
                    await Alarms.ResetAsync(_electrician, alarm.Id, comment, cancellationToken);
                    handled++;
                }
                else if (alarm.Unacknowledged)
                {
                    handled += await Alarms.AcknowledgeAsync(_electrician, [alarm.Id], comment, cancellationToken);
                }
            }
            catch (AlarmActionException)
            {
                // The alarm moved on since it was read (it returned, or a reset is not due): the next round sees it again.
            }
        }

        return handled;
    }

    /// <summary>Releases a meter that tripped itself on over-power, through the command journal, confirmed by read-back.</summary>
    private async Task RestoreAsync(int meterId, CancellationToken cancellationToken)
    {
        if (_meters.Submit is not { } submit)
        {
            return;
        }

        var since = _clock.GetUtcNow().AddHours(-1);
        MeterCommand command;
        await using (var db = await _factory.CreateDbContextAsync(cancellationToken))
        {
            if (await db.MeterCommands.AnyAsync(c => c.MeterId == meterId && c.RequestedBy == Electrician && c.RequestedAt > since, cancellationToken))
            {
                return;
            }

            command = new MeterCommand
            {
                MeterId = meterId,
                Kind = MeterCommandKind.Close,
                State = MeterCommandState.Requested,
                RequestedAt = _clock.GetUtcNow(),
                RequestedBy = Electrician,
                Reason = "Over-power trip: load reduced by the tenant, meter released after inspection",
            };
            db.MeterCommands.Add(command);
            await db.SaveChangesAsync(cancellationToken);
        }

        await _runner.RunAsync(submit, command.Id, cancellationToken);
    }
}
