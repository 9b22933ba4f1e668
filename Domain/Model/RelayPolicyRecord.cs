using Prepaid.Domain.Billing;

namespace Prepaid.Domain.Model;

/// <summary>
/// What the relay policy remembers for one platform-billing meter between evaluations (the persisted form of
/// <see cref="RelayPolicyState"/>) and what it last decided.
/// </summary>
public sealed class RelayPolicyRecord
{
    /// <summary>The meter; also the primary key.</summary>
    public int MeterId { get; set; }
    /// <summary>Relay position as last confirmed by read-back (or seen in the live state).</summary>
    public RelayState Relay { get; set; }
    /// <summary>Why the relay is open; null when closed.</summary>
    public TripCause? TripCause { get; set; }
    /// <summary>When the relay was opened; null when closed.</summary>
    public DateTimeOffset? TrippedAt { get; set; }
    /// <summary>Highest tenant notice level sent in the current descent.</summary>
    public NoticeLevel LastNotice { get; set; }
    /// <summary>Since when power has been continuously above the limit.</summary>
    public DateTimeOffset? OverLimitSince { get; set; }
    /// <summary>When the relay position last changed by a policy command (live readings older than this are ignored).</summary>
    public DateTimeOffset? RelayChangedAt { get; set; }
    /// <summary>When the policy last evaluated the meter.</summary>
    public DateTimeOffset EvaluatedAt { get; set; }
    /// <summary>The reason of the last evaluation (<see cref="RelayReason"/> name).</summary>
    public required string LastReason { get; set; }
    /// <summary>Whether the over-power alarm condition held at the last evaluation (an alarm is raised on its rising edge).</summary>
    public bool OverPowerAlarm { get; set; }

    /// <summary>The domain state.</summary>
    public RelayPolicyState ToState() => new(Relay, TripCause, TrippedAt, LastNotice, OverLimitSince);

    /// <summary>Copies a domain state into the record.</summary>
    public void Set(RelayPolicyState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        Relay = state.Relay;
        TripCause = state.TripCause;
        TrippedAt = state.TrippedAt;
        LastNotice = state.LastNotice;
        OverLimitSince = state.OverLimitSince;
    }
}
