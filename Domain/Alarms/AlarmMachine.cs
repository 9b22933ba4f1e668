using static Prepaid.Domain.Alarms.AlarmDecision;

namespace Prepaid.Domain.Alarms;

/// <summary>
/// The ISA-18.2 / IEC 62682 alarm state machine as pure functions: an <see cref="AlarmStatus"/> and an
/// <see cref="AlarmEvent"/> in, the new status and the journal records out. Nothing here reads a clock.
/// </summary>
/// <remarks>
/// <para>Base states: normal -(condition active)-> active unacknowledged -(acknowledge)-> active acknowledged;
/// active unacknowledged -(clear)-> returned unacknowledged -(acknowledge)-> normal; active acknowledged
/// -(clear)-> normal; a latching alarm goes to latched instead on clear and to normal only on reset
/// (reset also acknowledges). A new condition activation from returned unacknowledged or latched is a new
/// annunciation.</para>
/// <para>Overlays: shelve (user, reason, future expiry), suppress by design (with the suppressing source),
/// out of service (user, permit). While an overlay applies only the condition is tracked; when the last one
/// ends the alarm takes the state its condition implies, unacknowledged if active. Removing from service
/// ends a shelf. A shelf whose expiry has passed is expired (journaled at the expiry time) before any later
/// accepted event; App also calls <see cref="Tick"/> so that it expires on time without other events.</para>
/// <para>A refused event changes nothing and produces no journal record. Every change produces one.</para>
/// <para>Low balance is a tenant notice, not an operator alarm; it never enters this machine.</para>
/// </remarks>
public static class AlarmMachine
{
    /// <summary>Applies one event.</summary>
    public static AlarmTransition Apply(AlarmStatus status, AlarmEvent alarmEvent)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(alarmEvent);
        if (status.LastEventAt is { } last && alarmEvent.At < last)
        {
            return Refuse(status, AlarmRefusal.OutOfOrder,
                Invariant($"{alarmEvent.Kind} at {alarmEvent.At:O} is older than the last transition at {last:O}."));
        }

        var current = status;
        var records = new List<AlarmJournalRecord>(2);
        if (alarmEvent.Kind != AlarmEventKind.ShelveExpired && current.ShelvedUntil is { } until && alarmEvent.At >= until)
        {
            var expiry = AlarmConditionRules.Decide(current, AlarmEvent.ShelveExpired(until));
            if (expiry.Refusal != AlarmRefusal.None)
            {
                return Refuse(status, expiry.Refusal, expiry.Message!);
            }

            current = Record(current, AlarmEvent.ShelveExpired(until), expiry, records);
        }

        var decision = AlarmConditionRules.Decide(current, alarmEvent);
        if (decision.Refusal != AlarmRefusal.None)
        {
            return Refuse(status, decision.Refusal, decision.Message!);
        }

        if (decision.Next is not null)
        {
            current = Record(current, alarmEvent, decision, records);
        }

        return records.Count == 0
            ? new AlarmTransition(AlarmOutcome.Unchanged, status, [])
            : new AlarmTransition(AlarmOutcome.Changed, current, records);
    }

    /// <summary>
    /// Acknowledges every alarm of <paramref name="alarms"/> (for example those matching the operator's filter)
    /// that needs it, skipping the others; returns only the changed ones.
    /// </summary>
    public static IReadOnlyList<AlarmTransition> AcknowledgeMany(IEnumerable<AlarmStatus> alarms, DateTimeOffset at, string user, string? comment = null)
    {
        ArgumentNullException.ThrowIfNull(alarms);
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        return alarms
            .Where(a => a.NeedsAcknowledgement)
            .Select(a => Apply(a, AlarmEvent.Acknowledge(at, user, comment)))
            .Where(t => t.Outcome == AlarmOutcome.Changed)
            .ToArray();
    }

    /// <summary>
    /// Expires the shelf if it is due at <paramref name="now"/> (journaled at the expiry time, not at
    /// <paramref name="now"/>); otherwise unchanged. Call it periodically for every shelved alarm.
    /// </summary>
    public static AlarmTransition Tick(AlarmStatus status, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(status);
        return status.ShelvedUntil is { } until && now >= until
            ? Apply(status, AlarmEvent.ShelveExpired(until))
            : new AlarmTransition(AlarmOutcome.Unchanged, status, []);
    }

    /// <summary>When this alarm next needs <see cref="Tick"/> (its shelf expiry), or null.</summary>
    public static DateTimeOffset? NextDue(AlarmStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return status.ShelvedUntil;
    }

    /// <summary>
    /// Rebuilds an alarm's status from its journal (records in sequence order) and checks that every record
    /// replays to its recorded state. Pass the alarm's current definition; a change of priority is tolerated, a
    /// change of <see cref="AlarmDefinition.Latching"/> can make older records fail to replay.
    /// </summary>
    public static AlarmReplay Replay(AlarmDefinition definition, IEnumerable<AlarmJournalRecord> records)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(records);
        var status = AlarmStatus.Initial(definition);
        foreach (var record in records)
        {
            if (record.Key != definition.Key)
            {
                return new AlarmReplay(status, Invariant($"Record {record.Sequence} is for {record.Key}, not {definition.Key}."));
            }

            var result = Apply(status, record.Event);
            // The priority may have been reconfigured since; it does not affect transitions.
            if (result.Outcome != AlarmOutcome.Changed || result.Records.Count != 1 || result.Records[0] with { Priority = record.Priority } != record)
            {
                var got = result.Records.Count > 0 ? result.Records[0].To.ToString() : result.Outcome.ToString();
                return new AlarmReplay(status, Invariant(
                    $"Record {record.Sequence} ({record.Kind} {record.From}->{record.To}) does not replay: got {got}. {result.Message}"));
            }

            status = result.Status;
        }

        return new AlarmReplay(status, null);
    }

    private static AlarmStatus Record(AlarmStatus from, AlarmEvent alarmEvent, AlarmDecision decision, List<AlarmJournalRecord> records)
    {
        var next = decision.Next! with { LastEventAt = alarmEvent.At, Sequence = from.Sequence + 1 };
        records.Add(new AlarmJournalRecord(
            from.Key, from.Definition.Priority, next.Sequence, alarmEvent, from.State, next.State, decision.Annunciated, next.ConditionActive));
        return next;
    }

    private static AlarmTransition Refuse(AlarmStatus status, AlarmRefusal refusal, string message) =>
        new(AlarmOutcome.Refused, status, [], refusal, message);
}
