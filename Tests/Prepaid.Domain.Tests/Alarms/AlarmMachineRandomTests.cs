using Prepaid.Domain.Alarms;
using Prepaid.Domain.Model;

namespace Prepaid.Domain.Tests.Alarms;

public sealed class AlarmMachineRandomTests
{
    private const int Steps = 5000;
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly string?[] Users = ["op", "li.wei", "", null];
    private static readonly string?[] Texts = ["r", "nuisance", " ", null];
    private static readonly string?[] Permits = ["PTW-1", "PTW-2", "", null];
    private static readonly string?[] Sources = ["Gateway/1", "Gateway/2", "", null];

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];

    private static AlarmEvent RandomEvent(Random random, DateTimeOffset at)
    {
        var kind = (AlarmEventKind)random.Next(Enum.GetValues<AlarmEventKind>().Length);
        // Operator parameters are mostly valid so that the walk reaches every state.
        string? User() => random.Next(8) == 0 ? Pick(random, Users) : "op";
        return kind switch
        {
            AlarmEventKind.ConditionActive or AlarmEventKind.ConditionClear => new AlarmEvent(kind, at),
            AlarmEventKind.Acknowledge or AlarmEventKind.Unshelve or AlarmEventKind.ResetLatched =>
                new AlarmEvent(kind, at, User(), Pick(random, Texts)),
            AlarmEventKind.Shelve => new AlarmEvent(kind, at, User(), Pick(random, Texts),
                random.Next(8) == 0 ? Pick(random, Texts) : "nuisance",
                random.Next(8) == 0 ? null : at.AddSeconds(random.Next(-60, 7200))),
            AlarmEventKind.ShelveExpired => new AlarmEvent(kind, at),
            AlarmEventKind.Suppress or AlarmEventKind.Unsuppress =>
                new AlarmEvent(kind, at, SuppressedBy: random.Next(6) == 0 ? Pick(random, Sources) : "Gateway/1"),
            _ => new AlarmEvent(kind, at, User(), Permit: random.Next(6) == 0 ? Pick(random, Permits) : "PTW-1"),
        };
    }

    private static bool NeedsAck(AlarmState state) => state is AlarmState.ActiveUnacknowledged or AlarmState.ReturnedUnacknowledged;

    private static void CheckStep(AlarmStatus before, AlarmEvent e, AlarmTransition result)
    {
        var after = result.Status;
        if (result.Outcome != AlarmOutcome.Changed)
        {
            // No change without a record, and a refused or repeated event changes nothing.
            Assert.Same(before, after);
            Assert.Empty(result.Records);
            Assert.Equal(result.Outcome == AlarmOutcome.Refused, result.Refusal != AlarmRefusal.None);
            return;
        }

        Assert.NotEmpty(result.Records);
        Assert.Equal(before.State, result.Records[0].From);
        Assert.Equal(after.State, result.Records[^1].To);
        for (var i = 0; i < result.Records.Count; i++)
        {
            var record = result.Records[i];
            Assert.Equal(before.Sequence + i + 1, record.Sequence);
            if (i > 0)
            {
                Assert.Equal(result.Records[i - 1].To, record.From);
            }

            // An acknowledged (or normal, or hidden) alarm becomes unacknowledged only through a new annunciation.
            if (record.To == AlarmState.ActiveUnacknowledged && record.From != AlarmState.ActiveUnacknowledged)
            {
                Assert.True(record.Annunciated, $"{record.From}->{record.To} by {record.Kind} without annunciation");
            }

            if (record.To == AlarmState.ReturnedUnacknowledged)
            {
                Assert.Contains(record.From, new[] { AlarmState.ActiveUnacknowledged, AlarmState.ReturnedUnacknowledged });
            }

            if (record.Annunciated)
            {
                Assert.Equal(AlarmState.ActiveUnacknowledged, record.To);
                Assert.True(record.ConditionActive);
            }
        }

        Assert.Equal(before.Sequence + result.Records.Count, after.Sequence);
        if (!before.NeedsAcknowledgement && after.NeedsAcknowledgement)
        {
            Assert.Contains(result.Records, r => r.Annunciated);
        }

        // A shelf never outlives its expiry: it is expired, at exactly its expiry, before any later event.
        if (before.ShelvedUntil is { } until && e.At >= until && e.Kind != AlarmEventKind.ShelveExpired)
        {
            var expiry = result.Records[0];
            Assert.Equal((AlarmEventKind.ShelveExpired, until), (expiry.Kind, expiry.At));
            if (!before.IsSuppressed && !before.IsOutOfService)
            {
                Assert.Equal(before.ConditionActive ? AlarmState.ActiveUnacknowledged : AlarmState.Normal, expiry.To);
            }
        }

        if (after.ShelvedUntil is { } newUntil)
        {
            Assert.True(newUntil > after.LastEventAt);
        }

        Assert.Equal(NeedsAck(after.State) || (after.State == AlarmState.Latched && after.Unacknowledged), after.NeedsAcknowledgement);
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(42, false)]
    [InlineData(2026, true)]
    [InlineData(77, false)]
    [InlineData(78, true)]
    public void Apply_RandomSequence_KeepsInvariantsAndReplays(int seed, bool latching)
    {
        var random = new Random(seed);
        var definition = new AlarmDefinition(new AlarmKey(AlarmSourceKind.Meter, seed, AlarmCondition.OverPowerTrip), AlarmPriority.High, latching);
        var status = AlarmStatus.Initial(definition);
        var journal = new List<AlarmJournalRecord>();
        var now = T0;
        var seen = new HashSet<AlarmState>();
        for (var step = 0; step < Steps; step++)
        {
            var dice = random.Next(100);
            now = dice switch
            {
                < 3 => now.AddSeconds(-random.Next(1, 600)), // out of order
                < 8 => now.AddHours(random.Next(1, 4)), // long quiet spells pass shelf expiries
                _ => now.AddSeconds(random.Next(0, 120)),
            };

            var before = status;
            var e = random.Next(20) == 0 ? null : RandomEvent(random, now);
            var result = e is null ? AlarmMachine.Tick(status, now) : AlarmMachine.Apply(status, e);
            CheckStep(before, e ?? AlarmEvent.ShelveExpired(now), result);
            journal.AddRange(result.Records);
            status = result.Status;
            seen.Add(status.State);
            if (status.LastEventAt is { } last && now < last)
            {
                now = last;
            }

            if (step % 1000 == 999)
            {
                var replay = AlarmMachine.Replay(definition, journal);
                Assert.True(replay.Ok, replay.Error);
                Assert.Equal(status, replay.Status);
            }
        }

        // Every state is visited, except latched (plain alarm) or returned unacknowledged (latching alarm).
        Assert.Equal(Enum.GetValues<AlarmState>().Length - 1, seen.Count);
        Assert.DoesNotContain(latching ? AlarmState.ReturnedUnacknowledged : AlarmState.Latched, seen);
        Assert.True(journal.Count > Steps / 10, $"only {journal.Count} records");
    }

    [Theory]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    public void Apply_AcknowledgedAlarm_NeverUnacknowledgedWithoutNewActivation(int seed)
    {
        // Acknowledge whenever possible and check, step by step, that unacknowledged only follows an annunciation.
        var random = new Random(seed);
        var status = AlarmStatus.Initial(new AlarmDefinition(new AlarmKey(AlarmSourceKind.Bus, 1, AlarmCondition.CommunicationLost), AlarmPriority.Low, seed % 2 == 0));
        var now = T0;
        for (var step = 0; step < Steps; step++)
        {
            now = now.AddSeconds(random.Next(1, 90));
            var e = random.Next(3) == 0 ? AlarmEvent.Acknowledge(now, "op") : RandomEvent(random, now);
            var result = AlarmMachine.Apply(status, e);
            if (!status.Unacknowledged && result.Status.Unacknowledged && !result.Status.IsHidden)
            {
                Assert.Contains(result.Records, r => r.Annunciated);
            }

            status = result.Status;
            if (status.LastEventAt is { } last && now < last)
            {
                now = last;
            }
        }
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void Suppression_RandomGatewayLossAndRecovery_FollowsItsGateway(int seed)
    {
        var random = new Random(seed);
        var topology = Enumerable.Range(1, 3)
            .Select(g => new GatewayTopology(g, Enumerable.Range(1, 2)
                .Select(b => new BusTopology(g * 10 + b, Enumerable.Range(1, 4).Select(m => (g * 10 + b) * 10 + m).ToArray()))
                .ToArray()))
            .ToArray();
        var gatewayOf = new Dictionary<AlarmKey, int>();
        foreach (var g in topology)
        {
            foreach (var b in g.Buses)
            {
                gatewayOf[new AlarmKey(AlarmSourceKind.Bus, b.BusId, AlarmCondition.CommunicationLost)] = g.GatewayId;
                foreach (var m in b.MeterIds)
                {
                    gatewayOf[new AlarmKey(AlarmSourceKind.Meter, m, AlarmCondition.CommunicationLost)] = g.GatewayId;
                }
            }
        }

        var alarms = gatewayOf.Keys.ToDictionary(k => k, k => AlarmStatus.Initial(new AlarmDefinition(k, AlarmPriority.Low)));
        var journals = gatewayOf.Keys.ToDictionary(k => k, _ => new List<AlarmJournalRecord>());
        var keys = gatewayOf.Keys.ToArray();
        var lost = new HashSet<int>();
        var suppressed = SuppressionRules.Suppressed(topology, lost);
        var now = T0;

        void Apply(AlarmKey key, AlarmEvent e)
        {
            var result = AlarmMachine.Apply(alarms[key], e);
            if (e.Kind is AlarmEventKind.Suppress or AlarmEventKind.Unsuppress)
            {
                Assert.Equal(AlarmOutcome.Changed, result.Outcome);
            }

            foreach (var r in result.Records.Where(r => r.Annunciated))
            {
                Assert.False(lost.Contains(gatewayOf[key]), $"{key} annunciated behind lost gateway");
            }

            journals[key].AddRange(result.Records);
            alarms[key] = result.Status;
        }

        for (var step = 0; step < Steps; step++)
        {
            now = now.AddSeconds(random.Next(1, 60));
            foreach (var key in keys)
            {
                var tick = AlarmMachine.Tick(alarms[key], now);
                journals[key].AddRange(tick.Records);
                alarms[key] = tick.Status;
            }

            if (random.Next(10) == 0)
            {
                var gateway = random.Next(1, 4);
                if (!lost.Remove(gateway))
                {
                    lost.Add(gateway);
                }

                var next = SuppressionRules.Suppressed(topology, lost);
                foreach (var (key, e) in SuppressionRules.Changes(suppressed, next, now))
                {
                    Apply(key, e);
                }

                suppressed = next;
            }
            else
            {
                var key = Pick(random, keys);
                var e = random.Next(4) switch
                {
                    0 => AlarmEvent.ConditionActive(now),
                    1 => AlarmEvent.ConditionClear(now),
                    2 => AlarmEvent.Acknowledge(now, "op"),
                    _ => random.Next(2) == 0
                        ? AlarmEvent.Shelve(now, "op", "nuisance", now.AddMinutes(random.Next(1, 30)))
                        : AlarmEvent.ShelveExpired(now),
                };
                var before = alarms[key];
                Apply(key, e);
                var after = alarms[key];
                if (e.Kind == AlarmEventKind.ConditionActive && !before.ConditionActive && !after.IsHidden)
                {
                    Assert.Equal(AlarmState.ActiveUnacknowledged, after.State);
                }
            }

            foreach (var key in keys)
            {
                var status = alarms[key];
                var isLost = lost.Contains(gatewayOf[key]);
                Assert.Equal(isLost, status.IsSuppressed);
                Assert.Equal(isLost ? SuppressionRules.GatewaySource(gatewayOf[key]) : null, status.SuppressedBy);
                if (isLost)
                {
                    Assert.Contains(status.State, new[] { AlarmState.Suppressed, AlarmState.Shelved });
                    Assert.False(status.NeedsAcknowledgement);
                }
            }
        }

        foreach (var key in keys)
        {
            var replay = AlarmMachine.Replay(alarms[key].Definition, journals[key]);
            Assert.True(replay.Ok, replay.Error);
            Assert.Equal(alarms[key], replay.Status);
        }
    }

    [Fact]
    public void Suppression_GatewayBack_MeterStillLostAnnunciatesOnce()
    {
        var key = new AlarmKey(AlarmSourceKind.Meter, 101, AlarmCondition.CommunicationLost);
        var s = AlarmStatus.Initial(new AlarmDefinition(key, AlarmPriority.Low));
        s = AlarmMachine.Apply(s, AlarmEvent.Suppress(T0, "Gateway/1")).Status;
        var whileLost = AlarmMachine.Apply(s, AlarmEvent.ConditionActive(T0.AddSeconds(30)));
        Assert.Equal(AlarmState.Suppressed, whileLost.Status.State);
        Assert.False(Assert.Single(whileLost.Records).Annunciated);

        var back = AlarmMachine.Apply(whileLost.Status, AlarmEvent.Unsuppress(T0.AddMinutes(5), "Gateway/1"));

        Assert.Equal(AlarmState.ActiveUnacknowledged, back.Status.State);
        Assert.True(Assert.Single(back.Records).Annunciated);
    }
}
