namespace Prepaid.Domain.Billing;

/// <summary>
/// The relay policy (Domain/Billing/README.md): a pure function from balance, alarm amounts, overdraft,
/// keep power, power readings and the remembered state to a relay command, a tenant notice and the next state.
/// </summary>
/// <remarks>
/// <para>Notices. The level of a balance is 3 at or below zero, else 2 at or below alarm amount 2, else 1
/// at or below alarm amount 1, else none. A notice is sent when the level rises above the highest level
/// already sent in this descent (only the new level is sent, so a drop from above alarm 1 straight below
/// zero sends level 3 alone). When a recharge lifts the balance to a lower level, the remembered level drops
/// with it, which re-arms the levels above: each level is sent at most once per descent.</para>
/// <para>Arrears. Trip when balance &lt;= -overdraft (with no overdraft: at or below zero), unless keep power
/// is active. A relay tripped for arrears closes automatically once the balance is above zero (a balance
/// between -overdraft and zero keeps it open: the next purchase pays off the overdraft first), or at once
/// while keep power is active. Property-fee and public-area arrears are the same path: they are ledger
/// debits that lower the balance.</para>
/// <para>Over-power. Power strictly above the limit, continuously (every good reading above it) for
/// strictly longer than the duration, trips and raises the operator alarm. Keep power prevents the trip,
/// not the alarm. A trip needs a fresh reading above the limit: the period is measured from the first fresh
/// reading above the limit to a fresh reading above it more than the duration later, with no evaluation
/// in between lacking one. An over-power trip is never closed by a recharge or by keep power; only an operator
/// (<see cref="RelayPolicyState.AfterOperatorClose"/>) or the configured cool-down restores it, and when
/// the cool-down elapses while the account is in arrears the relay stays open for arrears instead.</para>
/// <para>While readings are missing. An evaluation without a power reading (<see cref="RelayPolicyInput.PowerKw"/>
/// null: none, not good, or older than the caller's freshness limit) ends the over-limit period: it neither
/// extends nor completes it, and fresh readings above the limit start a new one that must last the full
/// duration again. The period is reset rather than paused because nothing shows what the power did during
/// the gap, a trip on a guess disconnects a tenant, and pausing would need the evidenced time remembered
/// besides <see cref="RelayPolicyState.OverLimitSince"/>. The cost: a meter whose power reading drops out
/// more often than the duration is never tripped by the platform for over-power (the meter's own power limit,
/// where enabled, still acts).</para>
/// <para>Keep power. Active while now is before its expiry; it overrides every automatic trip. Once it has
/// expired the policy applies again at the next evaluation.</para>
/// <para>Operator trips and open relays of unknown cause are never closed by the policy.</para>
/// </remarks>
public static class RelayPolicy
{
    /// <summary>The name commands asked for by this policy are journaled under (MeterCommand.RequestedBy).</summary>
    public const string RequestedBy = "relay-policy";

    /// <summary>Evaluates the policy for one meter at <see cref="RelayPolicyInput.Now"/>.</summary>
    /// <exception cref="ArgumentException">Inconsistent settings or state (alarm 1 below alarm 2, a negative
    /// amount, an open relay without cause, a non-positive power limit).</exception>
    public static RelayDecision Evaluate(RelayPolicyInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        Validate(input);

        var state = input.State;
        var now = input.Now;
        var keepPower = input.KeepPower is { } grant && grant.IsActiveAt(now);
        var keepPowerExpired = input.KeepPower is { } expired && !expired.IsActiveAt(now);
        var inArrears = input.Balance <= -input.OverdraftLimit;

        var (notice, lastNotice) = Notices(input.Balance, input.AlarmAmount1, input.AlarmAmount2, state.LastNotice);

        var overLimitSince = TrackOverLimit(input, state);
        var overPowerAlarm = overLimitSince is { } since
            && input.PowerLimit is { } limit
            && now - since > limit.Duration;

        var next = state with { LastNotice = lastNotice, OverLimitSince = overLimitSince };

        if (state.Relay == RelayState.Closed)
        {
            if (overPowerAlarm)
            {
                return keepPower
                    ? new RelayDecision(RelayDirective.None, RelayReason.OverPowerHeldByKeepPower, notice, true, next)
                    : new RelayDecision(RelayDirective.Trip, RelayReason.OverPowerTrip, notice, true, Tripped(next, TripCause.OverPower, now));
            }

            if (inArrears)
            {
                if (keepPower)
                {
                    return new RelayDecision(RelayDirective.None, RelayReason.ArrearsHeldByKeepPower, notice, false, next);
                }

                var reason = keepPowerExpired ? RelayReason.ArrearsTripAfterKeepPowerExpired : RelayReason.ArrearsTrip;
                return new RelayDecision(RelayDirective.Trip, reason, notice, false, Tripped(next, TripCause.Arrears, now));
            }

            return new RelayDecision(RelayDirective.None, RelayReason.Normal, notice, false, next);
        }

        switch (state.TripCause)
        {
            case TripCause.Arrears:
                if (keepPower)
                {
                    return new RelayDecision(RelayDirective.Close, RelayReason.KeepPowerClose, notice, false, Closed(next));
                }

                return input.Balance > 0
                    ? new RelayDecision(RelayDirective.Close, RelayReason.RechargeClose, notice, false, Closed(next))
                    : new RelayDecision(RelayDirective.None, RelayReason.ArrearsRemain, notice, false, next);

            case TripCause.OverPower:
                var coolDown = input.PowerLimit?.CoolDown;
                if (coolDown is null || now - state.TrippedAt!.Value < coolDown.Value)
                {
                    return new RelayDecision(RelayDirective.None, RelayReason.OverPowerAwaitingRestore, notice, overPowerAlarm, next);
                }

                if (inArrears && !keepPower)
                {
                    return new RelayDecision(
                        RelayDirective.None, RelayReason.OverPowerCoolDownArrearsRemain, notice, false, next with { TripCause = TripCause.Arrears });
                }

                return new RelayDecision(RelayDirective.Close, RelayReason.OverPowerCoolDownClose, notice, false, Closed(next));

            default:
                return new RelayDecision(RelayDirective.None, RelayReason.OperatorTripHeld, notice, false, next);
        }
    }

    /// <summary>The notice level a balance is at (3 at or below zero, 2 at or below alarm 2, 1 at or below alarm 1).</summary>
    public static NoticeLevel LevelOf(decimal balance, decimal alarmAmount1, decimal alarmAmount2) =>
        balance <= 0 ? NoticeLevel.Level3
        : balance <= alarmAmount2 ? NoticeLevel.Level2
        : balance <= alarmAmount1 ? NoticeLevel.Level1
        : NoticeLevel.None;

    private static (NoticeLevel? Notice, NoticeLevel Last) Notices(
        decimal balance, decimal alarm1, decimal alarm2, NoticeLevel lastSent)
    {
        var level = LevelOf(balance, alarm1, alarm2);
        if (level > lastSent)
        {
            return (level, level);
        }

        // Equal: already sent in this descent. Lower: a recharge re-arms the levels above.
        return (null, level);
    }

    private static DateTimeOffset? TrackOverLimit(RelayPolicyInput input, RelayPolicyState state)
    {
        if (input.PowerLimit is null || state.Relay == RelayState.Open)
        {
            return null;
        }

        if (input.PowerKw is not { } power)
        {
            // Missing or stale: no evidence either way, so the continuous period is broken (see "While readings are missing").
            return null;
        }

        return power > input.PowerLimit.LimitKw ? state.OverLimitSince ?? input.Now : null;
    }

    private static RelayPolicyState Tripped(RelayPolicyState state, TripCause cause, DateTimeOffset at) =>
        state with { Relay = RelayState.Open, TripCause = cause, TrippedAt = at, OverLimitSince = null };

    private static RelayPolicyState Closed(RelayPolicyState state) =>
        state with { Relay = RelayState.Closed, TripCause = null, TrippedAt = null, OverLimitSince = null };

    private static void Validate(RelayPolicyInput input)
    {
        if (input.AlarmAmount2 < 0)
        {
            throw new ArgumentException($"Alarm amount 2 ({input.AlarmAmount2}) must not be negative.", nameof(input));
        }

        if (input.AlarmAmount1 < input.AlarmAmount2)
        {
            throw new ArgumentException(
                $"Alarm amount 1 ({input.AlarmAmount1}) must not be below alarm amount 2 ({input.AlarmAmount2}).", nameof(input));
        }

        if (input.OverdraftLimit < 0)
        {
            throw new ArgumentException($"The overdraft limit ({input.OverdraftLimit}) must not be negative.", nameof(input));
        }

        if (input.PowerLimit is { } limit)
        {
            if (limit.LimitKw <= 0 || limit.Duration < TimeSpan.Zero || limit.CoolDown <= TimeSpan.Zero)
            {
                throw new ArgumentException(
                    "The power limit must be positive, its duration not negative and its cool-down, if any, positive.", nameof(input));
            }
        }

        if (input.PowerKw < 0)
        {
            throw new ArgumentException($"The power reading ({input.PowerKw} kW) must not be negative.", nameof(input));
        }

        var state = input.State ?? throw new ArgumentException("The state is required.", nameof(input));
        if (state.Relay == RelayState.Open && (state.TripCause is null || state.TrippedAt is null))
        {
            throw new ArgumentException("An open relay needs a trip cause and a trip time.", nameof(input));
        }

        if (state.Relay == RelayState.Closed && (state.TripCause is not null || state.TrippedAt is not null))
        {
            throw new ArgumentException("A closed relay has no trip cause or trip time.", nameof(input));
        }
    }
}
