using Prepaid.Domain.Billing;
using Prepaid.Domain.Model;

namespace Prepaid.Domain.Tests.Billing;

public sealed class RelayPolicyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 2, 0, 0, TimeSpan.Zero);

    private static readonly PowerLimitSetting Limit = new(10m, TimeSpan.FromSeconds(60));

    private static RelayPolicyInput Input(
        decimal balance,
        RelayPolicyState? state = null,
        decimal overdraft = 0m,
        KeepPowerGrant? keepPower = null,
        PowerLimitSetting? limit = null,
        decimal? power = null,
        DateTimeOffset? now = null) => new()
        {
            Balance = balance,
            AlarmAmount1 = 100m,
            AlarmAmount2 = 30m,
            OverdraftLimit = overdraft,
            KeepPower = keepPower,
            PowerLimit = limit,
            PowerKw = power,
            State = state ?? RelayPolicyState.Initial,
            Now = now ?? T0,
        };

    private static RelayPolicyState OpenFor(TripCause cause, DateTimeOffset? at = null) =>
        new(RelayState.Open, cause, at ?? T0.AddHours(-1), NoticeLevel.Level3, null);

    [Theory]
    [InlineData("100.01", NoticeLevel.None)]
    [InlineData("100", NoticeLevel.Level1)]
    [InlineData("30.01", NoticeLevel.Level1)]
    [InlineData("30", NoticeLevel.Level2)]
    [InlineData("0.01", NoticeLevel.Level2)]
    [InlineData("0", NoticeLevel.Level3)]
    [InlineData("-5", NoticeLevel.Level3)]
    public void LevelOf_Balance_IsTheLowestThresholdReached(string balance, NoticeLevel expected)
    {
        Assert.Equal(expected, RelayPolicy.LevelOf(decimal.Parse(balance, System.Globalization.CultureInfo.InvariantCulture), 100m, 30m));
    }

    [Theory]
    // balance, last sent, expected notice (null = none), expected remembered level
    [InlineData("150", NoticeLevel.None, null, NoticeLevel.None)]
    [InlineData("99", NoticeLevel.None, NoticeLevel.Level1, NoticeLevel.Level1)]
    [InlineData("99", NoticeLevel.Level1, null, NoticeLevel.Level1)]
    [InlineData("29", NoticeLevel.Level1, NoticeLevel.Level2, NoticeLevel.Level2)]
    [InlineData("-1", NoticeLevel.None, NoticeLevel.Level3, NoticeLevel.Level3)]
    [InlineData("-1", NoticeLevel.Level3, null, NoticeLevel.Level3)]
    [InlineData("50", NoticeLevel.Level3, null, NoticeLevel.Level1)]
    [InlineData("500", NoticeLevel.Level2, null, NoticeLevel.None)]
    public void Evaluate_Notices_SentOncePerDescentAndReArmed(
        string balance, NoticeLevel lastSent, NoticeLevel? expectedNotice, NoticeLevel expectedLast)
    {
        var value = decimal.Parse(balance, System.Globalization.CultureInfo.InvariantCulture);
        var state = RelayPolicyState.Initial with { LastNotice = lastSent };

        var decision = RelayPolicy.Evaluate(Input(value, state, overdraft: 10m));

        Assert.Equal(expectedNotice, decision.Notice);
        Assert.Equal(expectedLast, decision.Next.LastNotice);
    }

    [Theory]
    // balance, overdraft, expected action, expected reason
    [InlineData("0.01", "0", RelayDirective.None, RelayReason.Normal)]
    [InlineData("0", "0", RelayDirective.Trip, RelayReason.ArrearsTrip)]
    [InlineData("-0.01", "0", RelayDirective.Trip, RelayReason.ArrearsTrip)]
    [InlineData("0", "20", RelayDirective.None, RelayReason.Normal)]
    [InlineData("-19.99", "20", RelayDirective.None, RelayReason.Normal)]
    [InlineData("-20", "20", RelayDirective.Trip, RelayReason.ArrearsTrip)]
    public void Evaluate_ClosedRelay_TripsAtMinusOverdraft(string balance, string overdraft, RelayDirective action, RelayReason reason)
    {
        var ci = System.Globalization.CultureInfo.InvariantCulture;

        var decision = RelayPolicy.Evaluate(Input(decimal.Parse(balance, ci), overdraft: decimal.Parse(overdraft, ci)));

        Assert.Equal(action, decision.Action);
        Assert.Equal(reason, decision.Reason);
        if (action == RelayDirective.Trip)
        {
            Assert.Equal(new RelayPolicyState(RelayState.Open, TripCause.Arrears, T0, NoticeLevel.Level3, null), decision.Next);
        }
    }

    [Theory]
    // balance, overdraft, expected action, expected reason
    [InlineData("0.01", "0", RelayDirective.Close, RelayReason.RechargeClose)]
    [InlineData("0", "0", RelayDirective.None, RelayReason.ArrearsRemain)]
    [InlineData("-5", "20", RelayDirective.None, RelayReason.ArrearsRemain)]
    [InlineData("200", "20", RelayDirective.Close, RelayReason.RechargeClose)]
    public void Evaluate_ArrearsTrip_ClosesOnlyAboveZero(string balance, string overdraft, RelayDirective action, RelayReason reason)
    {
        var ci = System.Globalization.CultureInfo.InvariantCulture;

        var decision = RelayPolicy.Evaluate(Input(decimal.Parse(balance, ci), OpenFor(TripCause.Arrears), decimal.Parse(overdraft, ci)));

        Assert.Equal(action, decision.Action);
        Assert.Equal(reason, decision.Reason);
        Assert.Equal(action == RelayDirective.Close ? RelayState.Closed : RelayState.Open, decision.Next.Relay);
    }

    [Fact]
    public void Evaluate_ArrearsWithKeepPower_DoesNotTrip()
    {
        var grant = new KeepPowerGrant("manager", "hospital supplier", T0.AddHours(1));

        var decision = RelayPolicy.Evaluate(Input(-50m, keepPower: grant));

        Assert.Equal(RelayDirective.None, decision.Action);
        Assert.Equal(RelayReason.ArrearsHeldByKeepPower, decision.Reason);
        Assert.Equal(RelayState.Closed, decision.Next.Relay);
    }

    [Fact]
    public void Evaluate_KeepPowerExpired_TripsAgainWithItsOwnReason()
    {
        var grant = new KeepPowerGrant("manager", "event night", T0);

        var decision = RelayPolicy.Evaluate(Input(-50m, keepPower: grant, now: T0));

        Assert.Equal(RelayDirective.Trip, decision.Action);
        Assert.Equal(RelayReason.ArrearsTripAfterKeepPowerExpired, decision.Reason);
    }

    [Fact]
    public void Evaluate_ArrearsTripThenKeepPowerGranted_Closes()
    {
        var grant = new KeepPowerGrant("manager", "cold store", T0.AddDays(1));

        var decision = RelayPolicy.Evaluate(Input(-50m, OpenFor(TripCause.Arrears), keepPower: grant));

        Assert.Equal(RelayDirective.Close, decision.Action);
        Assert.Equal(RelayReason.KeepPowerClose, decision.Reason);
    }

    [Fact]
    public void Evaluate_PowerOverLimitForExactlyTheDuration_DoesNotTripYet()
    {
        var state = RelayPolicyState.Initial with { OverLimitSince = T0.AddSeconds(-60) };

        var decision = RelayPolicy.Evaluate(Input(500m, state, limit: Limit, power: 10.01m));

        Assert.Equal(RelayDirective.None, decision.Action);
        Assert.False(decision.OverPowerAlarm);
        Assert.Equal(T0.AddSeconds(-60), decision.Next.OverLimitSince);
    }

    [Fact]
    public void Evaluate_PowerOverLimitLongerThanDuration_TripsAndRaisesAlarm()
    {
        var state = RelayPolicyState.Initial with { OverLimitSince = T0.AddSeconds(-61) };

        var decision = RelayPolicy.Evaluate(Input(500m, state, limit: Limit, power: 12m));

        Assert.Equal(RelayDirective.Trip, decision.Action);
        Assert.Equal(RelayReason.OverPowerTrip, decision.Reason);
        Assert.True(decision.OverPowerAlarm);
        Assert.Equal(TripCause.OverPower, decision.Next.TripCause);
        Assert.Null(decision.Next.OverLimitSince);
    }

    [Fact]
    public void Evaluate_PowerAtLimit_EndsTheOverLimitPeriod()
    {
        var state = RelayPolicyState.Initial with { OverLimitSince = T0.AddSeconds(-600) };

        var decision = RelayPolicy.Evaluate(Input(500m, state, limit: Limit, power: 10m));

        Assert.Equal(RelayDirective.None, decision.Action);
        Assert.Null(decision.Next.OverLimitSince);
    }

    [Fact]
    public void Evaluate_NoPowerReading_EndsTheOverLimitPeriod()
    {
        var state = RelayPolicyState.Initial with { OverLimitSince = T0.AddSeconds(-30) };

        var decision = RelayPolicy.Evaluate(Input(500m, state, limit: Limit, power: null));

        Assert.Null(decision.Next.OverLimitSince);
    }

    [Fact]
    public void Evaluate_NoPowerReadingLongAfterThePeriodStarted_DoesNotTrip()
    {
        // The period began long enough ago, but this evaluation has no reading: a stale value must not complete it.
        var state = RelayPolicyState.Initial with { OverLimitSince = T0.AddMinutes(-10) };

        var decision = RelayPolicy.Evaluate(Input(500m, state, limit: Limit, power: null));

        Assert.Equal((RelayDirective.None, RelayReason.Normal, false), (decision.Action, decision.Reason, decision.OverPowerAlarm));
    }

    [Fact]
    public void Evaluate_OverLimitFourOfFiveMinutesThenReadingsMissing_NeverTrips()
    {
        var limit = new PowerLimitSetting(10m, TimeSpan.FromMinutes(5));
        var state = RelayPolicyState.Initial;
        var decisions = new List<RelayDecision>();

        // Over the limit for 4 minutes (a reading every 30 s), then no power reading for 10 minutes.
        for (var s = 0; s <= 14 * 60; s += 30)
        {
            var decision = RelayPolicy.Evaluate(Input(500m, state, limit: limit, power: s <= 4 * 60 ? 12m : null, now: T0.AddSeconds(s)));
            decisions.Add(decision);
            state = decision.Next;
        }

        Assert.All(decisions, d => Assert.Equal((RelayDirective.None, false), (d.Action, d.OverPowerAlarm)));
        Assert.Equal(RelayState.Closed, state.Relay);
        Assert.Null(state.OverLimitSince);
    }

    [Fact]
    public void Evaluate_FreshOverLimitReadingsAfterAGap_TripOnlyAfterTheFullDuration()
    {
        var limit = new PowerLimitSetting(10m, TimeSpan.FromMinutes(5));
        var state = RelayPolicyState.Initial;
        RelayDecision? trip = null;
        var resumed = T0.AddMinutes(14);

        // 4 minutes over the limit, 10 minutes without readings, then fresh readings over the limit every 30 s.
        for (var s = 0; trip is null && s <= 30 * 60; s += 30)
        {
            var now = T0.AddSeconds(s);
            decimal? power = now <= T0.AddMinutes(4) || now >= resumed ? 12m : null;
            var decision = RelayPolicy.Evaluate(Input(500m, state, limit: limit, power: power, now: now));
            if (decision.Action == RelayDirective.Trip)
            {
                trip = decision;
                Assert.True(now - resumed > limit.Duration, $"Tripped at {now:T}, only {now - resumed} after fresh readings resumed.");
                Assert.Equal(resumed.Add(limit.Duration).AddSeconds(30), now);
            }

            state = decision.Next;
        }

        Assert.NotNull(trip);
        Assert.Equal((RelayReason.OverPowerTrip, true), (trip.Reason, trip.OverPowerAlarm));
    }

    [Fact]
    public void Evaluate_FreshOverLimitReadingsForTheFullDuration_Trips()
    {
        var limit = new PowerLimitSetting(10m, TimeSpan.FromMinutes(5));
        var state = RelayPolicyState.Initial;
        var actions = new List<(int Seconds, RelayDirective Action)>();

        for (var s = 0; s <= 6 * 60; s += 30)
        {
            var decision = RelayPolicy.Evaluate(Input(500m, state, limit: limit, power: 12m, now: T0.AddSeconds(s)));
            actions.Add((s, decision.Action));
            state = decision.Next;
            if (decision.Action == RelayDirective.Trip)
            {
                break;
            }
        }

        // Not at 5:00 (exactly the duration), but at the next fresh reading, 5:30.
        Assert.Equal((330, RelayDirective.Trip), actions[^1]);
        Assert.All(actions[..^1], a => Assert.Equal(RelayDirective.None, a.Action));
        Assert.Equal(TripCause.OverPower, state.TripCause);
    }

    [Fact]
    public void Evaluate_FirstReadingOverLimit_StartsThePeriod()
    {
        var decision = RelayPolicy.Evaluate(Input(500m, limit: Limit, power: 11m));

        Assert.Equal(T0, decision.Next.OverLimitSince);
        Assert.Equal(RelayDirective.None, decision.Action);
    }

    [Fact]
    public void Evaluate_OverPowerWithKeepPower_AlarmsWithoutTrip()
    {
        var state = RelayPolicyState.Initial with { OverLimitSince = T0.AddMinutes(-5) };
        var grant = new KeepPowerGrant("manager", "freezers", T0.AddHours(1));

        var decision = RelayPolicy.Evaluate(Input(500m, state, keepPower: grant, limit: Limit, power: 20m));

        Assert.Equal(RelayDirective.None, decision.Action);
        Assert.Equal(RelayReason.OverPowerHeldByKeepPower, decision.Reason);
        Assert.True(decision.OverPowerAlarm);
    }

    [Fact]
    public void Evaluate_KeepPowerExpiresDuringOverPower_TripsAtOnce()
    {
        var state = RelayPolicyState.Initial with { OverLimitSince = T0.AddMinutes(-5) };
        var grant = new KeepPowerGrant("manager", "freezers", T0.AddSeconds(-1));

        var decision = RelayPolicy.Evaluate(Input(500m, state, keepPower: grant, limit: Limit, power: 20m));

        Assert.Equal(RelayDirective.Trip, decision.Action);
        Assert.Equal(RelayReason.OverPowerTrip, decision.Reason);
    }

    [Fact]
    public void Evaluate_OverPowerAndArrears_OverPowerWins()
    {
        var state = RelayPolicyState.Initial with { OverLimitSince = T0.AddMinutes(-5) };

        var decision = RelayPolicy.Evaluate(Input(-10m, state, limit: Limit, power: 20m));

        Assert.Equal(RelayReason.OverPowerTrip, decision.Reason);
        Assert.Equal(TripCause.OverPower, decision.Next.TripCause);
        Assert.Equal(NoticeLevel.Level3, decision.Notice);
    }

    [Fact]
    public void Evaluate_OpenRelay_ForgetsTheOverLimitPeriod()
    {
        var state = OpenFor(TripCause.Arrears) with { OverLimitSince = T0.AddMinutes(-5) };

        var decision = RelayPolicy.Evaluate(Input(-10m, state, limit: Limit, power: 0m));

        Assert.Null(decision.Next.OverLimitSince);
    }

    [Fact]
    public void Evaluate_OverPowerTripAfterRecharge_StaysOpen()
    {
        var decision = RelayPolicy.Evaluate(Input(1000m, OpenFor(TripCause.OverPower), limit: Limit));

        Assert.Equal(RelayDirective.None, decision.Action);
        Assert.Equal(RelayReason.OverPowerAwaitingRestore, decision.Reason);
    }

    [Fact]
    public void Evaluate_OverPowerTripWithKeepPower_StaysOpen()
    {
        var grant = new KeepPowerGrant("manager", "freezers", T0.AddHours(1));

        var decision = RelayPolicy.Evaluate(Input(1000m, OpenFor(TripCause.OverPower), keepPower: grant, limit: Limit));

        Assert.Equal(RelayDirective.None, decision.Action);
    }

    [Theory]
    // minutes since trip, balance, expected action, expected reason
    [InlineData(29, "500", RelayDirective.None, RelayReason.OverPowerAwaitingRestore)]
    [InlineData(30, "500", RelayDirective.Close, RelayReason.OverPowerCoolDownClose)]
    [InlineData(30, "-1", RelayDirective.None, RelayReason.OverPowerCoolDownArrearsRemain)]
    public void Evaluate_OverPowerCoolDown_ClosesOnlyAfterItUnlessInArrears(
        int minutes, string balance, RelayDirective action, RelayReason reason)
    {
        var limit = Limit with { CoolDown = TimeSpan.FromMinutes(30) };
        var state = OpenFor(TripCause.OverPower, T0.AddMinutes(-minutes));

        var decision = RelayPolicy.Evaluate(Input(decimal.Parse(balance, System.Globalization.CultureInfo.InvariantCulture), state, limit: limit));

        Assert.Equal(action, decision.Action);
        Assert.Equal(reason, decision.Reason);
        if (reason == RelayReason.OverPowerCoolDownArrearsRemain)
        {
            Assert.Equal(TripCause.Arrears, decision.Next.TripCause);
        }
    }

    [Theory]
    [InlineData(TripCause.Operator)]
    [InlineData(TripCause.Unknown)]
    public void Evaluate_OperatorOrUnknownTrip_NeverClosed(TripCause cause)
    {
        var grant = new KeepPowerGrant("manager", "x", T0.AddHours(1));

        var decision = RelayPolicy.Evaluate(Input(1000m, OpenFor(cause), keepPower: grant));

        Assert.Equal(RelayDirective.None, decision.Action);
        Assert.Equal(RelayReason.OperatorTripHeld, decision.Reason);
    }

    [Fact]
    public void AfterOperatorClose_OverPowerTrip_ClearsCause()
    {
        var closed = OpenFor(TripCause.OverPower).AfterOperatorClose();

        Assert.Equal(RelayState.Closed, closed.Relay);
        Assert.Null(closed.TripCause);
        Assert.Null(closed.TrippedAt);
    }

    [Fact]
    public void Evaluate_InconsistentSettings_Throw()
    {
        Assert.Throws<ArgumentException>(() => RelayPolicy.Evaluate(Input(1m) with { AlarmAmount1 = 10m, AlarmAmount2 = 20m }));
        Assert.Throws<ArgumentException>(() => RelayPolicy.Evaluate(Input(1m) with { AlarmAmount1 = 10m, AlarmAmount2 = -1m }));
        Assert.Throws<ArgumentException>(() => RelayPolicy.Evaluate(Input(1m, overdraft: -1m)));
        Assert.Throws<ArgumentException>(() => RelayPolicy.Evaluate(Input(1m, limit: new PowerLimitSetting(0m, TimeSpan.Zero))));
        Assert.Throws<ArgumentException>(() => RelayPolicy.Evaluate(Input(1m, limit: Limit, power: -1m)));
        Assert.Throws<ArgumentException>(() => RelayPolicy.Evaluate(Input(1m, new RelayPolicyState(RelayState.Open, null, T0, NoticeLevel.None, null))));
        Assert.Throws<ArgumentException>(() => RelayPolicy.Evaluate(Input(1m, RelayPolicyState.Initial with { TripCause = TripCause.Arrears })));
    }

    [Fact]
    public void Evaluate_FullCycle_TripRechargeClose()
    {
        var state = RelayPolicyState.Initial;
        var log = new List<(RelayDirective, RelayReason, NoticeLevel?)>();
        foreach (var balance in new[] { 150m, 90m, 80m, 20m, 0m, -3m, 50m, 25m })
        {
            var d = RelayPolicy.Evaluate(Input(balance, state));
            log.Add((d.Action, d.Reason, d.Notice));
            state = d.Next;
        }

        Assert.Equal(
            [
                (RelayDirective.None, RelayReason.Normal, null),
                (RelayDirective.None, RelayReason.Normal, NoticeLevel.Level1),
                (RelayDirective.None, RelayReason.Normal, null),
                (RelayDirective.None, RelayReason.Normal, NoticeLevel.Level2),
                (RelayDirective.Trip, RelayReason.ArrearsTrip, NoticeLevel.Level3),
                (RelayDirective.None, RelayReason.ArrearsRemain, null),
                (RelayDirective.Close, RelayReason.RechargeClose, null),
                (RelayDirective.None, RelayReason.Normal, NoticeLevel.Level2),
            ],
            log);
    }

    [Theory]
    [InlineData(RelayDirective.Trip, MeterKind.Electricity, MeterCommandKind.Trip)]
    [InlineData(RelayDirective.Close, MeterKind.Electricity, MeterCommandKind.Close)]
    [InlineData(RelayDirective.Trip, MeterKind.Water, MeterCommandKind.CloseValve)]
    [InlineData(RelayDirective.Close, MeterKind.Water, MeterCommandKind.OpenValve)]
    [InlineData(RelayDirective.None, MeterKind.Water, null)]
    public void CommandFor_DirectiveAndMeterKind_IsTheMeterCommand(RelayDirective action, MeterKind kind, MeterCommandKind? expected)
    {
        var decision = new RelayDecision(action, RelayReason.Normal, null, false, RelayPolicyState.Initial);

        Assert.Equal(expected, decision.CommandFor(kind));
    }
}
