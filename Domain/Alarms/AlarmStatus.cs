using Prepaid.Domain.Model;

namespace Prepaid.Domain.Alarms;

/// <summary>
/// The full, immutable state of one alarm. <see cref="State"/> is the ISA-18.2 state shown to operators; the
/// other members hold what the single <see cref="AlarmState"/> value cannot: the underlying condition, whether
/// the current activation still needs an acknowledgement, a pending latch, and the shelf, design suppression
/// and out-of-service overlays, which are independent of one another.
/// </summary>
/// <remarks>
/// Precedence of the overlays in <see cref="State"/>: out of service, then shelved, then suppressed; otherwise
/// the base state follows from <see cref="ConditionActive"/>, <see cref="Unacknowledged"/> and
/// <see cref="LatchPending"/>. While any overlay applies the alarm is not annunciated: only the condition is
/// tracked, and when the last overlay ends the alarm takes the state its condition implies (active: active
/// unacknowledged, a new annunciation; clear: normal). Low balance is never an alarm: it is a tenant notice.
/// </remarks>
public sealed record AlarmStatus
{
    /// <summary>The alarm's configuration.</summary>
    public required AlarmDefinition Definition { get; init; }
    /// <summary>The (filtered) process condition is active.</summary>
    public bool ConditionActive { get; init; }
    /// <summary>The current annunciated activation has not been acknowledged (base state only).</summary>
    public bool Unacknowledged { get; init; }
    /// <summary>A latching alarm whose condition cleared and that waits for an operator reset.</summary>
    public bool LatchPending { get; init; }
    /// <summary>When the condition last became active.</summary>
    public DateTimeOffset? ActivatedAt { get; init; }
    /// <summary>When the condition last cleared, null while it is active.</summary>
    public DateTimeOffset? ReturnedAt { get; init; }
    /// <summary>When the current activation was acknowledged (or reset).</summary>
    public DateTimeOffset? AcknowledgedAt { get; init; }
    /// <summary>Who acknowledged (or reset) the current activation.</summary>
    public string? AcknowledgedBy { get; init; }
    /// <summary>Who shelved the alarm, while shelved.</summary>
    public string? ShelvedBy { get; init; }
    /// <summary>Why the alarm is shelved, while shelved.</summary>
    public string? ShelveReason { get; init; }
    /// <summary>When the shelf expires; non-null exactly while shelved.</summary>
    public DateTimeOffset? ShelvedUntil { get; init; }
    /// <summary>The source whose design logic suppresses this alarm (for example <c>Gateway/3</c>), null if none.</summary>
    public string? SuppressedBy { get; init; }
    /// <summary>The maintenance permit; non-null exactly while out of service.</summary>
    public string? OutOfServicePermit { get; init; }
    /// <summary>Who removed the alarm from service.</summary>
    public string? OutOfServiceBy { get; init; }
    /// <summary>Time of the last journaled transition; events before it are refused.</summary>
    public DateTimeOffset? LastEventAt { get; init; }
    /// <summary>Number of journal records so far; the next record gets <c>Sequence + 1</c>.</summary>
    public long Sequence { get; init; }

    /// <summary>The alarm's identity.</summary>
    public AlarmKey Key => Definition.Key;

    /// <summary>True while shelved.</summary>
    public bool IsShelved => ShelvedUntil is not null;

    /// <summary>True while suppressed by design.</summary>
    public bool IsSuppressed => SuppressedBy is not null;

    /// <summary>True while out of service.</summary>
    public bool IsOutOfService => OutOfServicePermit is not null;

    /// <summary>True while any overlay (out of service, shelved, suppressed) stops annunciation.</summary>
    public bool IsHidden => IsShelved || IsSuppressed || IsOutOfService;

    /// <summary>The ISA-18.2 state an operator sees.</summary>
    public AlarmState State =>
        IsOutOfService ? AlarmState.OutOfService
        : IsShelved ? AlarmState.Shelved
        : IsSuppressed ? AlarmState.Suppressed
        : BaseState;

    /// <summary>The state ignoring overlays.</summary>
    public AlarmState BaseState =>
        LatchPending ? AlarmState.Latched
        : ConditionActive ? (Unacknowledged ? AlarmState.ActiveUnacknowledged : AlarmState.ActiveAcknowledged)
        : Unacknowledged ? AlarmState.ReturnedUnacknowledged
        : AlarmState.Normal;

    /// <summary>True when the operator sees an alarm that still needs acknowledging (blinking, sounding).</summary>
    public bool NeedsAcknowledgement => !IsHidden && Unacknowledged;

    /// <summary>A new alarm in the normal state, with an empty journal.</summary>
    public static AlarmStatus Initial(AlarmDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return new AlarmStatus { Definition = definition };
    }

    /// <summary>Copies identity, priority, state and times onto the persisted <see cref="Alarm"/> entity.</summary>
    public void CopyTo(Alarm entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        entity.SourceKind = Key.SourceKind;
        entity.SourceId = Key.SourceId;
        entity.Condition = Key.Condition;
        entity.Priority = Definition.Priority;
        entity.State = State;
        if (ActivatedAt is { } activated)
        {
            entity.ActivatedAt = activated;
        }

        entity.ReturnedAt = ReturnedAt;
        entity.AcknowledgedAt = AcknowledgedAt;
        entity.AcknowledgedBy = AcknowledgedBy;
    }
}
