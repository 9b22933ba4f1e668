using System.Globalization;

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
            var expiry = Decide(current, AlarmEvent.ShelveExpired(until));
            if (expiry.Refusal != AlarmRefusal.None)
            {
                return Refuse(status, expiry.Refusal, expiry.Message!);
            }

            current = Record(current, AlarmEvent.ShelveExpired(until), expiry, records);
        }

        var decision = Decide(current, alarmEvent);
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

    private sealed record Decision(AlarmStatus? Next, bool Annunciated, AlarmRefusal Refusal = AlarmRefusal.None, string? Message = null);

    private static readonly Decision NoChange = new(null, false);

    private static AlarmStatus Record(AlarmStatus from, AlarmEvent alarmEvent, Decision decision, List<AlarmJournalRecord> records)
    {
        var next = decision.Next! with { LastEventAt = alarmEvent.At, Sequence = from.Sequence + 1 };
        records.Add(new AlarmJournalRecord(
            from.Key, from.Definition.Priority, next.Sequence, alarmEvent, from.State, next.State, decision.Annunciated, next.ConditionActive));
        return next;
    }

    private static AlarmTransition Refuse(AlarmStatus status, AlarmRefusal refusal, string message) =>
        new(AlarmOutcome.Refused, status, [], refusal, message);

    private static Decision No(AlarmRefusal refusal, string message) => new(null, false, refusal, message);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static Decision Decide(AlarmStatus s, AlarmEvent e)
    {
        var at = e.At;
        switch (e.Kind)
        {
            case AlarmEventKind.ConditionActive:
            {
                if (s.ConditionActive)
                {
                    return NoChange;
                }

                var next = s with { ConditionActive = true, ActivatedAt = at, ReturnedAt = null };
                return s.IsHidden ? new Decision(next, false) : new Decision(Annunciate(next), true);
            }

            case AlarmEventKind.ConditionClear:
            {
                if (!s.ConditionActive)
                {
                    return NoChange;
                }

                var next = s with { ConditionActive = false, ReturnedAt = at };
                if (!s.IsHidden && s.Definition.Latching)
                {
                    next = next with { LatchPending = true };
                }

                return new Decision(next, false);
            }

            case AlarmEventKind.Acknowledge:
                if (Blank(e.User))
                {
                    return No(AlarmRefusal.MissingUser, "Acknowledging needs the user.");
                }

                if (!s.NeedsAcknowledgement)
                {
                    return No(AlarmRefusal.NotAcknowledgeable, Invariant($"Nothing to acknowledge: the alarm is {Describe(s)}."));
                }

                return new Decision(s with { Unacknowledged = false, AcknowledgedAt = at, AcknowledgedBy = e.User }, false);

            case AlarmEventKind.Shelve:
                if (Blank(e.User))
                {
                    return No(AlarmRefusal.MissingUser, "Shelving needs the user.");
                }

                if (Blank(e.Reason))
                {
                    return No(AlarmRefusal.MissingReason, "Shelving needs a reason.");
                }

                if (e.Expiry is not { } expiry)
                {
                    return No(AlarmRefusal.MissingExpiry, "Shelving needs an expiry.");
                }

                if (expiry <= at)
                {
                    return No(AlarmRefusal.ExpiryNotInFuture, Invariant($"The shelf expiry {expiry:O} is not after {at:O}."));
                }

                if (s.IsHidden)
                {
                    return No(AlarmRefusal.NotShelvable, Invariant($"Only an annunciated alarm can be shelved; it is {Describe(s)}."));
                }

                return new Decision(s with { ShelvedBy = e.User, ShelveReason = e.Reason, ShelvedUntil = expiry }, false);

            case AlarmEventKind.Unshelve:
                if (Blank(e.User))
                {
                    return No(AlarmRefusal.MissingUser, "Unshelving needs the user.");
                }

                return s.IsShelved
                    ? Reveal(s with { ShelvedBy = null, ShelveReason = null, ShelvedUntil = null })
                    : No(AlarmRefusal.NotShelved, Invariant($"The alarm is not shelved; it is {Describe(s)}."));

            case AlarmEventKind.ShelveExpired:
                if (s.ShelvedUntil is not { } until)
                {
                    return No(AlarmRefusal.NotShelved, Invariant($"The alarm is not shelved; it is {Describe(s)}."));
                }

                return at < until
                    ? No(AlarmRefusal.ShelfNotDue, Invariant($"The shelf expires at {until:O}, not yet at {at:O}."))
                    : Reveal(s with { ShelvedBy = null, ShelveReason = null, ShelvedUntil = null });

            case AlarmEventKind.Suppress:
                if (Blank(e.SuppressedBy))
                {
                    return No(AlarmRefusal.MissingSource, "Suppression needs the suppressing source.");
                }

                if (s.SuppressedBy == e.SuppressedBy)
                {
                    return NoChange;
                }

                return s.IsSuppressed
                    ? No(AlarmRefusal.SuppressedByOther, Invariant($"Already suppressed by {s.SuppressedBy}."))
                    : new Decision(s with { SuppressedBy = e.SuppressedBy }, false);

            case AlarmEventKind.Unsuppress:
                if (Blank(e.SuppressedBy))
                {
                    return No(AlarmRefusal.MissingSource, "Ending a suppression needs the suppressing source.");
                }

                if (!s.IsSuppressed)
                {
                    return NoChange;
                }

                return s.SuppressedBy != e.SuppressedBy
                    ? No(AlarmRefusal.SuppressedByOther, Invariant($"Suppressed by {s.SuppressedBy}, not by {e.SuppressedBy}."))
                    : Reveal(s with { SuppressedBy = null });

            case AlarmEventKind.RemoveFromService:
                if (Blank(e.User))
                {
                    return No(AlarmRefusal.MissingUser, "Removing from service needs the user.");
                }

                if (Blank(e.Permit))
                {
                    return No(AlarmRefusal.MissingPermit, "Removing from service needs a permit reference.");
                }

                return s.IsOutOfService
                    ? No(AlarmRefusal.AlreadyOutOfService, Invariant($"Already out of service under permit {s.OutOfServicePermit}."))
                    : new Decision(s with
                    {
                        OutOfServicePermit = e.Permit,
                        OutOfServiceBy = e.User,
                        ShelvedBy = null,
                        ShelveReason = null,
                        ShelvedUntil = null,
                    }, false);

            case AlarmEventKind.ReturnToService:
                if (Blank(e.User))
                {
                    return No(AlarmRefusal.MissingUser, "Returning to service needs the user.");
                }

                if (Blank(e.Permit))
                {
                    return No(AlarmRefusal.MissingPermit, "Returning to service needs the permit reference.");
                }

                if (!s.IsOutOfService)
                {
                    return No(AlarmRefusal.NotOutOfService, Invariant($"The alarm is in service; it is {Describe(s)}."));
                }

                return s.OutOfServicePermit != e.Permit
                    ? No(AlarmRefusal.PermitMismatch, Invariant($"Out of service under permit {s.OutOfServicePermit}, not {e.Permit}."))
                    : Reveal(s with { OutOfServicePermit = null, OutOfServiceBy = null });

            case AlarmEventKind.ResetLatched:
                if (Blank(e.User))
                {
                    return No(AlarmRefusal.MissingUser, "Resetting needs the user.");
                }

                if (s.State != Model.AlarmState.Latched)
                {
                    return No(AlarmRefusal.NotLatched, Invariant($"Only a latched alarm can be reset; it is {Describe(s)}."));
                }

                return new Decision(s with
                {
                    LatchPending = false,
                    Unacknowledged = false,
                    AcknowledgedAt = s.Unacknowledged ? at : s.AcknowledgedAt,
                    AcknowledgedBy = s.Unacknowledged ? e.User : s.AcknowledgedBy,
                }, false);

            default:
                throw new ArgumentOutOfRangeException(nameof(e), e.Kind, "Unknown alarm event kind.");
        }
    }

    // A visible activation: unacknowledged, no latch, previous acknowledgement forgotten.
    private static AlarmStatus Annunciate(AlarmStatus s) =>
        s with { Unacknowledged = true, LatchPending = false, AcknowledgedAt = null, AcknowledgedBy = null };

    // An overlay ended: if none is left, take the state the condition implies.
    private static Decision Reveal(AlarmStatus s)
    {
        if (s.IsHidden)
        {
            return new Decision(s, false);
        }

        return s.ConditionActive
            ? new Decision(Annunciate(s), true)
            : new Decision(s with { Unacknowledged = false, LatchPending = false }, false);
    }

    private static bool Blank(string? text) => string.IsNullOrWhiteSpace(text);

    private static string Describe(AlarmStatus s) => s.State.ToString();
}
