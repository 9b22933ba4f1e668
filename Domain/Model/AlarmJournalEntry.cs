using Prepaid.Domain.Alarms;

namespace Prepaid.Domain.Model;

/// <summary>
/// One stored transition of one alarm (<see cref="AlarmJournalRecord"/>): append-only, never updated or deleted.
/// </summary>
public sealed class AlarmJournalEntry
{
    /// <summary>Primary key.</summary>
    public long Id { get; set; }
    /// <summary>The alarm row.</summary>
    public long AlarmId { get; set; }
    /// <summary>Kind of object in alarm.</summary>
    public AlarmSourceKind SourceKind { get; set; }
    /// <summary>Id of the object in alarm.</summary>
    public int SourceId { get; set; }
    /// <summary>The condition.</summary>
    public AlarmCondition Condition { get; set; }
    /// <summary>The alarm's priority at the time.</summary>
    public AlarmPriority Priority { get; set; }
    /// <summary>1, 2, 3 ... per alarm.</summary>
    public long Sequence { get; set; }
    /// <summary>What happened.</summary>
    public AlarmEventKind Kind { get; set; }
    /// <summary>When.</summary>
    public DateTimeOffset At { get; set; }
    /// <summary>The operator, null for process and design events.</summary>
    public string? User { get; set; }
    /// <summary>The operator's comment.</summary>
    public string? Comment { get; set; }
    /// <summary>The shelving reason.</summary>
    public string? Reason { get; set; }
    /// <summary>The shelf expiry.</summary>
    public DateTimeOffset? Expiry { get; set; }
    /// <summary>The maintenance permit.</summary>
    public string? Permit { get; set; }
    /// <summary>The suppressing source.</summary>
    public string? SuppressedBy { get; set; }
    /// <summary>State before.</summary>
    public AlarmState FromState { get; set; }
    /// <summary>State after.</summary>
    public AlarmState ToState { get; set; }
    /// <summary>True when this transition presented a new alarm to the operator.</summary>
    public bool Annunciated { get; set; }
    /// <summary>The condition after the transition.</summary>
    public bool ConditionActive { get; set; }

    /// <summary>The stored form of <paramref name="record"/> for the alarm row <paramref name="alarmId"/>.</summary>
    public static AlarmJournalEntry From(long alarmId, AlarmJournalRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new AlarmJournalEntry
        {
            AlarmId = alarmId,
            SourceKind = record.Key.SourceKind,
            SourceId = record.Key.SourceId,
            Condition = record.Key.Condition,
            Priority = record.Priority,
            Sequence = record.Sequence,
            Kind = record.Kind,
            At = record.At,
            User = record.Event.User,
            Comment = record.Event.Comment,
            Reason = record.Event.Reason,
            Expiry = record.Event.Expiry,
            Permit = record.Event.Permit,
            SuppressedBy = record.Event.SuppressedBy,
            FromState = record.From,
            ToState = record.To,
            Annunciated = record.Annunciated,
            ConditionActive = record.ConditionActive,
        };
    }

    /// <summary>Back to the engine's record (for replay and KPIs).</summary>
    public AlarmJournalRecord ToRecord() => new(
        new AlarmKey(SourceKind, SourceId, Condition),
        Priority,
        Sequence,
        new AlarmEvent(Kind, At, User, Comment, Reason, Expiry, Permit, SuppressedBy),
        FromState,
        ToState,
        Annunciated,
        ConditionActive);
}
