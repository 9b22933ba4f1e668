using Prepaid.Domain.Billing;

namespace Prepaid.Domain.Tests.Billing;

public sealed class RelayPolicyPropertyTests
{
    public static TheoryData<int> Seeds => new() { 1, 7, 42, 2026, 31337, 900_001 };

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Evaluate_RandomSequences_HoldTheInvariants(int seed)
    {
        var random = new Random(seed);
        var seen = new HashSet<RelayReason>();
        for (var run = 0; run < 200; run++)
        {
            RunSequence(random, steps: 200, seen);
        }

        // The sequences reach every branch, so the invariants above are not vacuous.
        Assert.Equal("", string.Join(",", Enum.GetValues<RelayReason>().Except(seen)));
    }

    private static void RunSequence(Random random, int steps, HashSet<RelayReason> seen)
    {
        var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var alarm2 = random.Next(0, 50);
        var alarm1 = alarm2 + random.Next(0, 100);
        var overdraft = random.Next(0, 3) == 0 ? 0m : random.Next(0, 50);
        var limit = random.Next(0, 4) switch
        {
            0 => null,
            1 => new PowerLimitSetting(10m, TimeSpan.FromSeconds(random.Next(0, 120))),
            _ => new PowerLimitSetting(10m, TimeSpan.FromSeconds(random.Next(0, 120)), TimeSpan.FromMinutes(random.Next(1, 30))),
        };
        var balance = (decimal)random.Next(-50, 300);
        KeepPowerGrant? keepPower = null;
        var state = RelayPolicyState.Initial;
        var armed = new[] { false, true, true, true };

        for (var step = 0; step < steps; step++)
        {
            now = now.AddSeconds(random.Next(1, 300));
            switch (random.Next(0, 10))
            {
                case 0:
                    balance += random.Next(1, 400);
                    break;
                case 1:
                    keepPower = new KeepPowerGrant("manager", "test", now.AddMinutes(random.Next(1, 60)));
                    break;
                case 2 when state.Relay == RelayState.Open && random.Next(0, 4) == 0:
                    state = state.AfterOperatorClose();
                    break;
                case 3 when state.Relay == RelayState.Closed && random.Next(0, 8) == 0:
                    state = random.Next(0, 2) == 0
                        ? state.AfterOperatorTrip(now)
                        : state with { Relay = RelayState.Open, TripCause = TripCause.Unknown, TrippedAt = now };
                    break;
                default:
                    // Consumption while closed; now and then a property fee or public-area share while open.
                    if (state.Relay == RelayState.Closed)
                    {
                        balance -= random.Next(0, 1500) / 100m;
                    }
                    else if (random.Next(0, 5) == 0)
                    {
                        balance -= random.Next(0, 30_000) / 100m;
                    }

                    break;
            }

            decimal? power = state.Relay == RelayState.Open ? 0m
                : random.Next(0, 10) == 0 ? null
                : random.Next(0, 3) == 0 ? 10m + random.Next(1, 500) / 100m : random.Next(0, 1001) / 100m;
            var input = new RelayPolicyInput
            {
                Balance = balance,
                AlarmAmount1 = alarm1,
                AlarmAmount2 = alarm2,
                OverdraftLimit = overdraft,
                KeepPower = keepPower,
                PowerLimit = limit,
                PowerKw = power,
                State = state,
                Now = now,
            };

            var decision = RelayPolicy.Evaluate(input);
            seen.Add(decision.Reason);
            var keepPowerActive = keepPower is not null && now < keepPower.ExpiresAt;

            // Never a trip while keep power is active.
            Assert.False(keepPowerActive && decision.Action == RelayDirective.Trip);

            // Never an automatic close after an over-power trip (only the configured cool-down), nor of operator trips.
            if (decision.Action == RelayDirective.Close)
            {
                Assert.Equal(RelayState.Open, state.Relay);
                Assert.NotEqual(TripCause.Operator, state.TripCause);
                Assert.NotEqual(TripCause.Unknown, state.TripCause);
                if (state.TripCause == TripCause.OverPower)
                {
                    Assert.Equal(RelayReason.OverPowerCoolDownClose, decision.Reason);
                    Assert.NotNull(limit?.CoolDown);
                    Assert.True(now - state.TrippedAt!.Value >= limit!.CoolDown!.Value);
                }
                else
                {
                    Assert.True(balance > 0 || keepPowerActive);
                }
            }

            // An over-power trip or alarm needs a fresh reading above the limit at this evaluation.
            if (decision.Reason == RelayReason.OverPowerTrip || (decision.OverPowerAlarm && state.Relay == RelayState.Closed))
            {
                Assert.True(power > limit!.LimitKw, $"Over-power at step {step} with power {power?.ToString() ?? "missing"}.");
            }

            if (decision.Action == RelayDirective.Trip)
            {
                Assert.Equal(RelayState.Closed, state.Relay);
                Assert.True(balance <= -overdraft || decision.Reason == RelayReason.OverPowerTrip);
            }

            // A closed relay with arrears and no keep power must trip now.
            if (state.Relay == RelayState.Closed && balance <= -overdraft && !keepPowerActive)
            {
                Assert.Equal(RelayDirective.Trip, decision.Action);
            }

            // Notices: a level is sent only when armed and reached; sending disarms it (and the levels below).
            var thresholds = new[] { decimal.MaxValue, alarm1, alarm2, 0m };
            if (decision.Notice is { } notice)
            {
                var level = (int)notice;
                Assert.True(armed[level], $"Notice {notice} repeated without re-arming (seed step {step}).");
                Assert.True(balance <= thresholds[level]);
                for (var l = 1; l <= level; l++)
                {
                    armed[l] = false;
                }
            }

            for (var l = 1; l <= 3; l++)
            {
                if (balance > thresholds[l])
                {
                    armed[l] = true;
                }
            }

            state = decision.Next;
        }
    }
}
