using Prepaid.Domain.Alarms;
using Prepaid.Domain.Model;

namespace Prepaid.App.Alarms;

/// <summary>One alarm as the engine holds it: the stored status plus what only lives in memory (filter, chatter window).</summary>
internal sealed class TrackedAlarm(AlarmStatus status)
{
    public long Id { get; set; }
    public AlarmStatus Status { get; set; } = status;
    public ConditionFilterState Filter { get; set; } = ConditionFilterState.Initial;
    public IReadOnlyList<DateTimeOffset> Transitions { get; set; } = [];
    public DateTimeOffset? LastChatterAt { get; set; }
    public string? Message { get; set; }

    /// <summary>The detail of a raw activation still in its on-delay, kept for when the alarm activates.</summary>
    public string? PendingMessage { get; set; }

    public AlarmKey Key => Status.Key;

    /// <summary>The filter's raw condition differs from the filtered one: a delay is running.</summary>
    public bool DelayRunning => Filter.RawSince is not null && Filter.RawActive != Filter.Active;

    /// <summary>Rebuilds the engine's view of a stored row; the filter starts settled on the stored condition.</summary>
    public static TrackedAlarm FromRow(Alarm row)
    {
        var key = new AlarmKey(row.SourceKind, row.SourceId, row.Condition);
        var status = new AlarmStatus
        {
            Definition = new AlarmDefinition(key, row.Priority, row.Latching),
            ConditionActive = row.ConditionActive,
            Unacknowledged = row.Unacknowledged,
            LatchPending = row.LatchPending,
            ActivatedAt = row.ActivatedAt == default ? null : row.ActivatedAt,
            ReturnedAt = row.ReturnedAt,
            AcknowledgedAt = row.AcknowledgedAt,
            AcknowledgedBy = row.AcknowledgedBy,
            ShelvedBy = row.ShelvedBy,
            ShelveReason = row.ShelveReason,
            ShelvedUntil = row.ShelvedUntil,
            SuppressedBy = row.SuppressedBy,
            OutOfServicePermit = row.OutOfServicePermit,
            OutOfServiceBy = row.OutOfServiceBy,
            LastEventAt = row.LastEventAt,
            Sequence = row.Sequence,
        };
        var since = row.LastEventAt;
        return new TrackedAlarm(status)
        {
            Id = row.Id,
            Filter = new ConditionFilterState(row.ConditionActive, since, row.ConditionActive, since),
            LastChatterAt = row.LastChatterAt,
            Message = row.Message,
        };
    }

    /// <summary>Writes the whole status onto its row.</summary>
    public void CopyTo(Alarm row)
    {
        var s = Status;
        s.CopyTo(row);
        row.Latching = s.Definition.Latching;
        row.ConditionActive = s.ConditionActive;
        row.Unacknowledged = s.Unacknowledged;
        row.LatchPending = s.LatchPending;
        row.ShelvedBy = s.ShelvedBy;
        row.ShelveReason = s.ShelveReason;
        row.ShelvedUntil = s.ShelvedUntil;
        row.SuppressedBy = s.SuppressedBy;
        row.OutOfServicePermit = s.OutOfServicePermit;
        row.OutOfServiceBy = s.OutOfServiceBy;
        row.LastEventAt = s.LastEventAt;
        row.Sequence = s.Sequence;
        row.LastChatterAt = LastChatterAt;
        row.Message = Message;
    }
}
