using Prepaid.Domain.Model;

namespace Prepaid.Domain.Billing;

/// <summary>Position of a meter's relay (or water valve).</summary>
public enum RelayState
{
    /// <summary>Supply on.</summary>
    Closed = 0,
    /// <summary>Supply off (tripped).</summary>
    Open = 1,
}

/// <summary>Why an open relay was opened; it decides who may close it again.</summary>
public enum TripCause
{
    /// <summary>Balance at or below minus the overdraft allowance (consumption, property fee or sharing).
    /// The policy closes it again when a recharge lifts the balance above zero.</summary>
    Arrears = 0,
    /// <summary>Power above the limit for longer than its duration. Only an operator, or the configured
    /// cool-down, restores it; a recharge never does.</summary>
    OverPower = 1,
    /// <summary>An operator tripped the meter. The policy never closes it.</summary>
    Operator = 2,
    /// <summary>The relay was found open without a known cause (for example tripped by the meter itself).
    /// The policy never closes it; an operator decides.</summary>
    Unknown = 3,
    /// <summary>A meter-billed shop owed fees its meters' money did not cover, past the grace period
    /// (<see cref="FeeArrearsPolicy"/>). Closed again automatically once everything owed is paid.</summary>
    FeeArrears = 4,
}

/// <summary>Low-balance notice levels sent to the tenant.</summary>
public enum NoticeLevel
{
    /// <summary>No notice: the balance is above alarm amount 1.</summary>
    None = 0,
    /// <summary>Balance at or below alarm amount 1.</summary>
    Level1 = 1,
    /// <summary>Balance at or below alarm amount 2.</summary>
    Level2 = 2,
    /// <summary>Balance at or below zero.</summary>
    Level3 = 3,
    /// <summary>Fees owed that the money in the meters does not cover: the shop is tripped when the grace period ends
    /// (the notice's amount is what is owed).</summary>
    FeesOwed = 4,
    /// <summary>The shop was tripped for fees owed past the grace period (the notice's amount is what is owed).</summary>
    FeeTrip = 5,
    /// <summary>The fees were paid and the supply tripped for them is back (the notice's amount is zero).</summary>
    FeeRestored = 6,
}

/// <summary>What the relay policy asks the command layer to do (see <see cref="RelayDecision.CommandFor"/>).</summary>
public enum RelayDirective
{
    /// <summary>Leave the relay as it is.</summary>
    None = 0,
    /// <summary>Open the relay (trip).</summary>
    Trip = 1,
    /// <summary>Close the relay (restore supply).</summary>
    Close = 2,
}

/// <summary>Why the policy decided what it decided; journaled with every command ("who or what asked and why").</summary>
public enum RelayReason
{
    /// <summary>Closed and nothing calls for a trip.</summary>
    Normal = 0,
    /// <summary>Balance at or below minus the overdraft allowance: trip.</summary>
    ArrearsTrip = 1,
    /// <summary>As <see cref="ArrearsTrip"/>, the first evaluation after a keep-power grant expired.</summary>
    ArrearsTripAfterKeepPowerExpired = 2,
    /// <summary>Arrears, but keep power is active: no trip.</summary>
    ArrearsHeldByKeepPower = 3,
    /// <summary>Tripped for arrears and a recharge lifted the balance above zero: close.</summary>
    RechargeClose = 4,
    /// <summary>Tripped for arrears and keep power is active: close (keep power is a forced close).</summary>
    KeepPowerClose = 5,
    /// <summary>Tripped for arrears and the balance is still at or below zero: stay open.</summary>
    ArrearsRemain = 6,
    /// <summary>Power above the limit for longer than its duration: trip and raise an operator alarm.</summary>
    OverPowerTrip = 7,
    /// <summary>Power above the limit for longer than its duration, but keep power is active: no trip, alarm only.</summary>
    OverPowerHeldByKeepPower = 8,
    /// <summary>Tripped for over-power; waits for an operator (or the cool-down).</summary>
    OverPowerAwaitingRestore = 9,
    /// <summary>Tripped for over-power and the configured cool-down has elapsed: close.</summary>
    OverPowerCoolDownClose = 10,
    /// <summary>The over-power cool-down elapsed but the account is in arrears: stay open, now for arrears.</summary>
    OverPowerCoolDownArrearsRemain = 11,
    /// <summary>Tripped by an operator (or for an unknown cause): the policy never closes it.</summary>
    OperatorTripHeld = 12,
}

/// <summary>A keep-power (保电, forced close) grant: by a permitted user, with a reason, until an expiry.</summary>
/// <param name="GrantedBy">User name of the Manager or Administrator who granted it.</param>
/// <param name="Reason">Why supply must be kept (journaled).</param>
/// <param name="ExpiresAt">The grant is active while now is strictly before this instant.</param>
public sealed record KeepPowerGrant(string GrantedBy, string Reason, DateTimeOffset ExpiresAt)
{
    /// <summary>Whether the grant is in force at <paramref name="now"/>.</summary>
    public bool IsActiveAt(DateTimeOffset now) => now < ExpiresAt;
}

/// <summary>A meter's power limit.</summary>
/// <param name="LimitKw">Maximum power in kW; power strictly above it counts as over the limit.</param>
/// <param name="Duration">How long power may stay above the limit; longer than this trips.</param>
/// <param name="CoolDown">After an over-power trip, the time after which the policy may close again by
/// itself; null means only an operator restores.</param>
public sealed record PowerLimitSetting(decimal LimitKw, TimeSpan Duration, TimeSpan? CoolDown = null);

/// <summary>
/// What the relay policy remembers between evaluations for one meter. The App stores the
/// <see cref="RelayDecision.Next"/> of each evaluation (relay and trip cause once the command is
/// confirmed by read-back) and passes it to the next one.
/// </summary>
/// <param name="Relay">Current relay position as confirmed by read-back.</param>
/// <param name="TripCause">Why the relay is open; null when it is closed.</param>
/// <param name="TrippedAt">When the relay was opened; null when it is closed.</param>
/// <param name="LastNotice">Highest notice level sent during the current descent (re-armed on recharge).</param>
/// <param name="OverLimitSince">Since when every evaluation has had a fresh power reading above the limit; null
/// when the last one had power at or below the limit, or no power reading.</param>
public sealed record RelayPolicyState(
    RelayState Relay,
    TripCause? TripCause,
    DateTimeOffset? TrippedAt,
    NoticeLevel LastNotice,
    DateTimeOffset? OverLimitSince)
{
    /// <summary>A closed relay with no notice sent and no over-limit period running.</summary>
    public static RelayPolicyState Initial { get; } = new(RelayState.Closed, null, null, NoticeLevel.None, null);

    /// <summary>The state after an operator closed the relay (the only restore after an over-power trip).</summary>
    public RelayPolicyState AfterOperatorClose() =>
        this with { Relay = RelayState.Closed, TripCause = null, TrippedAt = null, OverLimitSince = null };

    /// <summary>The state after an operator tripped the relay; the policy will not close it.</summary>
    public RelayPolicyState AfterOperatorTrip(DateTimeOffset at) =>
        this with { Relay = RelayState.Open, TripCause = Billing.TripCause.Operator, TrippedAt = at, OverLimitSince = null };
}

/// <summary>Everything the relay policy looks at for one meter at one instant.</summary>
public sealed record RelayPolicyInput
{
    /// <summary>Account balance in yuan (the ledger sum, or the meter's remaining amount under meter billing).</summary>
    public required decimal Balance { get; init; }
    /// <summary>Alarm amount 1 in yuan; must be at least <see cref="AlarmAmount2"/>.</summary>
    public required decimal AlarmAmount1 { get; init; }
    /// <summary>Alarm amount 2 in yuan; must be at least zero.</summary>
    public required decimal AlarmAmount2 { get; init; }
    /// <summary>Overdraft allowance in yuan (zero or positive): the trip happens at balance &lt;= -overdraft.</summary>
    public decimal OverdraftLimit { get; init; }
    /// <summary>The latest keep-power grant, active or expired; null when none was ever granted or it was released.</summary>
    public KeepPowerGrant? KeepPower { get; init; }
    /// <summary>The meter's power limit; null when the limit is off (water meters, public area).</summary>
    public PowerLimitSetting? PowerLimit { get; init; }
    /// <summary>Latest good power reading in kW, fresh at <see cref="Now"/>; null when there is none, it is not
    /// good, or it is older than the caller's freshness limit. A null ends any over-limit period (it neither
    /// extends nor completes it): see "While readings are missing" on <see cref="RelayPolicy"/>.</summary>
    public decimal? PowerKw { get; init; }
    /// <summary>The state remembered from the previous evaluation.</summary>
    public required RelayPolicyState State { get; init; }
    /// <summary>The evaluation instant (from the injected clock).</summary>
    public required DateTimeOffset Now { get; init; }
}

/// <summary>The outcome of one evaluation.</summary>
/// <param name="Action">The relay command to send, if any.</param>
/// <param name="Reason">Why; journaled with the command, or with "no action".</param>
/// <param name="Notice">The tenant notice to send now, or null; each level at most once per descent.</param>
/// <param name="OverPowerAlarm">True while power has been over the limit for longer than its duration
/// (an operator alarm condition, raised whether or not keep power prevented the trip).</param>
/// <param name="Next">The state to remember, assuming the action is confirmed by read-back. When a
/// command fails, keep the previous relay position and trip cause and evaluate again.</param>
public sealed record RelayDecision(
    RelayDirective Action,
    RelayReason Reason,
    NoticeLevel? Notice,
    bool OverPowerAlarm,
    RelayPolicyState Next)
{
    /// <summary>The meter command for the action: Trip/Close for electricity, CloseValve/OpenValve for water;
    /// null when there is nothing to send. Journal it with <see cref="RelayPolicy.RequestedBy"/> and the reason's name.</summary>
    public MeterCommandKind? CommandFor(MeterKind meterKind) => (Action, meterKind) switch
    {
        (RelayDirective.Trip, MeterKind.Water) => MeterCommandKind.CloseValve,
        (RelayDirective.Trip, _) => MeterCommandKind.Trip,
        (RelayDirective.Close, MeterKind.Water) => MeterCommandKind.OpenValve,
        (RelayDirective.Close, _) => MeterCommandKind.Close,
        _ => null,
    };
}
