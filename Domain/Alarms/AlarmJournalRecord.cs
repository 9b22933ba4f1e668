using Prepaid.Domain.Model;

namespace Prepaid.Domain.Alarms;

/// <summary>
/// One journaled transition of one alarm: what App stores (append-only) for history, audit and KPIs.
/// Replaying an alarm's records in <see cref="Sequence"/> order with <see cref="AlarmMachine.Replay"/>
/// gives back its current <see cref="AlarmStatus"/>.
/// </summary>
/// <param name="Key">Which alarm.</param>
/// <param name="Priority">The alarm's priority at the time (for the priority distribution KPI).</param>
/// <param name="Sequence">1, 2, 3 ... per alarm, without gaps.</param>
/// <param name="Event">The event that caused the transition (time, user, comment, reason, expiry, permit, source).</param>
/// <param name="From">State before.</param>
/// <param name="To">State after.</param>
/// <param name="Annunciated">
/// True when this transition presents a new alarm to the operator (it becomes active unacknowledged while
/// visible). These are the "alarms" the KPIs count.
/// </param>
/// <param name="ConditionActive">The condition after the transition (for standing and chattering KPIs).</param>
public sealed record AlarmJournalRecord(
    AlarmKey Key,
    AlarmPriority Priority,
    long Sequence,
    AlarmEvent Event,
    AlarmState From,
    AlarmState To,
    bool Annunciated,
    bool ConditionActive)
{
    /// <summary>When the transition happened.</summary>
    public DateTimeOffset At => Event.At;

    /// <summary>The operator, null for process and design events.</summary>
    public string? User => Event.User;

    /// <summary>The operator's comment, if any.</summary>
    public string? Comment => Event.Comment;

    /// <summary>The kind of event.</summary>
    public AlarmEventKind Kind => Event.Kind;
}

/// <summary>Whether an event was applied.</summary>
public enum AlarmOutcome
{
    /// <summary>The alarm changed; one or more journal records were produced.</summary>
    Changed = 0,
    /// <summary>The event was valid but changed nothing (a repeated condition report, a repeated suppression).</summary>
    Unchanged = 1,
    /// <summary>The event was invalid and changed nothing; see the refusal and message.</summary>
    Refused = 2,
}

/// <summary>Why an event was refused.</summary>
public enum AlarmRefusal
{
    /// <summary>Not refused.</summary>
    None = 0,
    /// <summary>The event is older than the alarm's last transition.</summary>
    OutOfOrder,
    /// <summary>An operator action without a user.</summary>
    MissingUser,
    /// <summary>Shelving without a reason.</summary>
    MissingReason,
    /// <summary>Shelving without an expiry.</summary>
    MissingExpiry,
    /// <summary>Shelving with an expiry that is not after the event time.</summary>
    ExpiryNotInFuture,
    /// <summary>Removing from or returning to service without a permit reference.</summary>
    MissingPermit,
    /// <summary>Returning to service with a permit other than the one it was removed under.</summary>
    PermitMismatch,
    /// <summary>Suppress or unsuppress without the suppressing source.</summary>
    MissingSource,
    /// <summary>Acknowledging an alarm that has nothing to acknowledge, or is not annunciated.</summary>
    NotAcknowledgeable,
    /// <summary>Shelving an alarm that is already shelved, suppressed or out of service.</summary>
    NotShelvable,
    /// <summary>Unshelving, or expiring the shelf of, an alarm that is not shelved.</summary>
    NotShelved,
    /// <summary>Expiring a shelf before its expiry time.</summary>
    ShelfNotDue,
    /// <summary>Suppressing or unsuppressing with a source other than the current suppressing source.</summary>
    SuppressedByOther,
    /// <summary>Removing from service an alarm that is already out of service.</summary>
    AlreadyOutOfService,
    /// <summary>Returning to service an alarm that is in service.</summary>
    NotOutOfService,
    /// <summary>Resetting an alarm that is not latched.</summary>
    NotLatched,
}

/// <summary>The result of applying one event: the new status and its journal records, or a refusal.</summary>
/// <param name="Outcome">Changed, unchanged or refused.</param>
/// <param name="Status">The status after the event (the input status unless changed).</param>
/// <param name="Records">The journal records to store, in order; empty unless changed.</param>
/// <param name="Refusal">Why the event was refused.</param>
/// <param name="Message">A human-readable explanation of a refusal (English), null otherwise.</param>
public sealed record AlarmTransition(
    AlarmOutcome Outcome,
    AlarmStatus Status,
    IReadOnlyList<AlarmJournalRecord> Records,
    AlarmRefusal Refusal = AlarmRefusal.None,
    string? Message = null)
{
    /// <summary>True when the event was refused.</summary>
    public bool IsRefused => Outcome == AlarmOutcome.Refused;
}

/// <summary>The result of replaying a journal.</summary>
/// <param name="Status">The rebuilt status (up to the first bad record).</param>
/// <param name="Error">Null when every record replayed to the recorded state; otherwise what went wrong.</param>
public sealed record AlarmReplay(AlarmStatus Status, string? Error)
{
    /// <summary>True when the journal is consistent.</summary>
    public bool Ok => Error is null;
}
