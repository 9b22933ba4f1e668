using Prepaid.Domain.Alarms;
using Prepaid.Domain.Model;

namespace Prepaid.Domain.Tests.Alarms;

public sealed class AlarmKpiTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static long _sequence;

    private static AlarmKey Meter(int id, AlarmCondition condition = AlarmCondition.CommunicationLost) => new(AlarmSourceKind.Meter, id, condition);

    private static AlarmJournalRecord Raise(AlarmKey key, DateTimeOffset at, AlarmPriority priority = AlarmPriority.Low) =>
        new(key, priority, Interlocked.Increment(ref _sequence), AlarmEvent.ConditionActive(at), AlarmState.Normal, AlarmState.ActiveUnacknowledged, true, true);

    private static AlarmJournalRecord Clear(AlarmKey key, DateTimeOffset at) =>
        new(key, AlarmPriority.Low, Interlocked.Increment(ref _sequence), AlarmEvent.ConditionClear(at), AlarmState.ActiveAcknowledged, AlarmState.Normal, false, false);

    private static AlarmJournalRecord[] EverySeconds(int count, double seconds, DateTimeOffset start) =>
        Enumerable.Range(0, count).Select(i => Raise(Meter(i), start.AddSeconds(i * seconds))).ToArray();

    [Fact]
    public void Floods_ElevenAlarmsInTenMinutes_StartsAtEleventhAndEndsBelowFive()
    {
        var floods = AlarmKpi.Compute(EverySeconds(11, 50, T0), T0, T0.AddHours(1)).Floods;

        var flood = Assert.Single(floods);
        Assert.Equal(T0.AddSeconds(500), flood.Start);
        // Alarms leave at 600, 650 ... s; the window holds 5 after the exit at 850 s and 4 after 900 s.
        Assert.Equal(T0.AddSeconds(900), flood.End);
        Assert.Equal((11, 11), (flood.AlarmCount, flood.Peak));
    }

    [Fact]
    public void Floods_EveryTwoMinutesAfterFlood_EndsWhenWindowDipsToFour()
    {
        // One every 2 minutes holds 5 in the window, but 4 for an instant as one leaves before the next arrives.
        var times = EverySeconds(11, 10, T0).Select(r => r.At).Concat(Enumerable.Range(1, 10).Select(i => T0.AddSeconds(100 + 120 * i)));

        var flood = Assert.Single(AlarmKpi.Floods(times, T0.AddHours(1)));

        // In the window at 700 s: 220, 340, 460, 580 s (the alarm at 100 s has left): four.
        Assert.Equal(T0.AddSeconds(700), flood.End);
    }

    [Fact]
    public void Floods_TenAlarmsInTenMinutes_NoFlood()
    {
        Assert.Empty(AlarmKpi.Compute(EverySeconds(10, 50, T0), T0, T0.AddHours(1)).Floods);
    }

    [Fact]
    public void Floods_OneAlarmLeavesAsTheEleventhArrives_NoFlood()
    {
        // One a minute: at 10 min the first alarm leaves the window exactly as the eleventh enters.
        Assert.Empty(AlarmKpi.Floods(EverySeconds(30, 60, T0).Select(r => r.At), T0.AddHours(1)));
    }

    [Fact]
    public void Floods_SteadyFiveInWindow_FloodDoesNotEnd()
    {
        // 11 alarms in 100 s start a flood; then one every 100 s keeps 6 in the window, 5 for an instant as one
        // leaves and the next arrives: the flood does not end until they stop.
        var burst = EverySeconds(11, 10, T0).Select(r => r.At);
        var trickle = Enumerable.Range(0, 20).Select(i => T0.AddSeconds(100 + 100 * (i + 1)));
        var times = burst.Concat(trickle).ToArray();

        var flood = Assert.Single(AlarmKpi.Floods(times, T0.AddHours(3)));

        Assert.Equal(T0.AddSeconds(100), flood.Start);
        // The last trickle alarm is at 2100 s; the window drops to 4 when the one at 1700 s leaves at 2300 s.
        Assert.Equal(T0.AddSeconds(2300), flood.End);
        Assert.Equal(31, flood.AlarmCount);
    }

    [Fact]
    public void Floods_StillFloodingAtPeriodEnd_OpenEndedAndCountedInTimeInFlood()
    {
        var report = AlarmKpi.Compute(EverySeconds(12, 10, T0.AddMinutes(55)), T0, T0.AddHours(1));

        var flood = Assert.Single(report.Floods);
        Assert.Null(flood.End);
        Assert.Equal(T0.AddMinutes(55).AddSeconds(100), flood.Start);
        Assert.Equal(TimeSpan.FromSeconds(200), report.TimeInFlood);
    }

    [Fact]
    public void Compute_TwelveAlarmsInAnHour_AverageTwoPerTenMinutes()
    {
        var journal = EverySeconds(6, 60, T0).Concat(EverySeconds(6, 600, T0.AddMinutes(7))).ToArray();

        var rate = AlarmKpi.Compute(journal, T0, T0.AddHours(1)).Rates.Single();

        Assert.Equal((AlarmKpi.AllPositions, 12, 2.0), (rate.Position, rate.Count, rate.AveragePerInterval));
        Assert.Equal((7, T0), (rate.MaxPerInterval, rate.MaxIntervalStart));
    }

    [Fact]
    public void Compute_PerPosition_SplitsRates()
    {
        var journal = new[]
        {
            Raise(Meter(1), T0.AddMinutes(1)), Raise(Meter(2), T0.AddMinutes(2)), Raise(Meter(3), T0.AddMinutes(25)),
        };
        var options = new AlarmKpiOptions { PositionOf = k => k.SourceId == 3 ? "water" : "power" };

        var rates = AlarmKpi.Compute(journal, T0, T0.AddMinutes(30), options).Rates;

        Assert.Equal([AlarmKpi.AllPositions, "power", "water"], rates.Select(r => r.Position));
        Assert.Equal((2, 2, T0), (rates[1].Count, rates[1].MaxPerInterval, rates[1].MaxIntervalStart));
        Assert.Equal((1, 1.0 / 3, T0.AddMinutes(20)), (rates[2].Count, rates[2].AveragePerInterval, rates[2].MaxIntervalStart));
    }

    [Fact]
    public void Compute_NoAlarms_ZeroRates()
    {
        var report = AlarmKpi.Compute([], T0, T0.AddHours(1));

        Assert.Equal(0, report.AlarmCount);
        Assert.Equal(new AlarmRate(AlarmKpi.AllPositions, 0, 0, 0, null), report.Rates.Single());
        Assert.Equal(0, report.Priorities.Percent(AlarmPriority.High));
    }

    [Fact]
    public void Compute_NotAnnunciatedOrOutsidePeriod_NotCounted()
    {
        var suppressed = new AlarmJournalRecord(Meter(1), AlarmPriority.Low, 1, AlarmEvent.ConditionActive(T0.AddMinutes(1)),
            AlarmState.Suppressed, AlarmState.Suppressed, false, true);
        var before = Raise(Meter(2), T0.AddTicks(-1));
        var atEnd = Raise(Meter(3), T0.AddHours(1));

        Assert.Equal(0, AlarmKpi.Compute([suppressed, before, atEnd], T0, T0.AddHours(1)).AlarmCount);
    }

    [Fact]
    public void Compute_Standing_ActiveOverTwentyFourHoursOnly()
    {
        var end = T0.AddDays(3);
        var journal = new[]
        {
            Raise(Meter(1), end.AddHours(-25)), // standing, still active
            Raise(Meter(2), end.AddHours(-23)), // not yet
            Raise(Meter(3), end.AddHours(-24)), // exactly 24 h: not more than 24 h
            Raise(Meter(4), T0), Clear(Meter(4), T0.AddHours(30)), // standing, cleared before the period
            Raise(Meter(5), T0.AddHours(20)), Clear(Meter(5), end.AddHours(-20)), // standing, cleared in the period
        };

        var standing = AlarmKpi.Compute(journal, end.AddDays(-1), end).Standing;

        Assert.Equal([Meter(5), Meter(1)], standing.Select(s => s.Key));
        Assert.Equal((end.AddHours(-20), TimeSpan.FromHours(32)), (standing[0].ClearedAt, standing[0].Duration));
        Assert.Equal((null, TimeSpan.FromHours(25)), (standing[1].ClearedAt, standing[1].Duration));
    }

    [Fact]
    public void Compute_Chattering_ThreeTransitionsWithinAMinuteInPeriod()
    {
        var chatty = Meter(1);
        var slow = Meter(2);
        var early = Meter(3);
        var journal = new[]
        {
            Raise(chatty, T0.AddMinutes(5)), Clear(chatty, T0.AddMinutes(5).AddSeconds(20)), Raise(chatty, T0.AddMinutes(5).AddSeconds(50)),
            Raise(slow, T0.AddMinutes(5)), Clear(slow, T0.AddMinutes(5).AddSeconds(30)), Raise(slow, T0.AddMinutes(6)),
            Raise(early, T0.AddSeconds(-30)), Clear(early, T0.AddSeconds(-10)), Raise(early, T0.AddSeconds(10)),
        };

        var chattering = AlarmKpi.Compute(journal, T0, T0.AddHours(1)).Chattering;

        var only = Assert.Single(chattering);
        Assert.Equal((chatty, T0.AddMinutes(5).AddSeconds(50), 3), (only.Key, only.FirstChatterAt, only.Transitions));
    }

    [Fact]
    public void Compute_TopSources_TenMostFrequentWithStableTies()
    {
        var journal = new List<AlarmJournalRecord>();
        for (var meter = 1; meter <= 12; meter++)
        {
            for (var i = 0; i < meter; i++)
            {
                journal.Add(Raise(Meter(meter, i % 2 == 0 ? AlarmCondition.CommunicationLost : AlarmCondition.MeterFault), T0.AddMinutes(meter * 2 + (i * 0.01))));
            }
        }

        journal.Add(Raise(Meter(1), T0.AddMinutes(50))); // meter 1 now ties with meter 2

        var report = AlarmKpi.Compute(journal, T0, T0.AddHours(1));

        Assert.Equal(10, report.TopSources.Count);
        Assert.Equal((new AlarmSource(AlarmSourceKind.Meter, 12), 12), report.TopSources[0]);
        Assert.Equal(new AlarmSource(AlarmSourceKind.Meter, 3), report.TopSources[^1].Source);
        Assert.Equal([(Meter(11), 6), (Meter(12), 6)], report.TopAlarms.Take(2)); // ties by kind, id, condition
    }

    [Fact]
    public void Compute_PriorityDistribution_Percentages()
    {
        var journal = Enumerable.Range(0, 20).Select(i =>
            Raise(Meter(i), T0.AddMinutes(i), i < 16 ? AlarmPriority.Low : i < 19 ? AlarmPriority.Medium : AlarmPriority.High)).ToArray();

        var p = AlarmKpi.Compute(journal, T0, T0.AddHours(1)).Priorities;

        Assert.Equal((16, 3, 1, 20), (p.Low, p.Medium, p.High, p.Total));
        Assert.Equal([80.0, 15.0, 5.0], new[] { AlarmPriority.Low, AlarmPriority.Medium, AlarmPriority.High }.Select(p.Percent));
    }

    [Fact]
    public void Compute_EmptyPeriod_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AlarmKpi.Compute([], T0, T0));
    }

    [Fact]
    public void Compute_JournalFromEngine_CountsReappearanceAfterShelfButNotSuppressedActivations()
    {
        var journal = new List<AlarmJournalRecord>();
        var s = AlarmStatus.Initial(new AlarmDefinition(Meter(9), AlarmPriority.Medium));
        AlarmEvent[] events =
        [
            AlarmEvent.ConditionActive(T0.AddMinutes(1)), // annunciated
            AlarmEvent.Shelve(T0.AddMinutes(2), "op", "known", T0.AddMinutes(20)),
            AlarmEvent.ConditionClear(T0.AddMinutes(3)), AlarmEvent.ConditionActive(T0.AddMinutes(4)), // shelved: not counted
            AlarmEvent.Acknowledge(T0.AddMinutes(25), "op"), // the shelf expires at 20 min first: annunciated again
            AlarmEvent.Suppress(T0.AddMinutes(26), "Gateway/1"), AlarmEvent.ConditionClear(T0.AddMinutes(27)),
            AlarmEvent.ConditionActive(T0.AddMinutes(28)), // suppressed: not counted
        ];
        foreach (var e in events)
        {
            var r = AlarmMachine.Apply(s, e);
            Assert.NotEqual(AlarmOutcome.Refused, r.Outcome);
            journal.AddRange(r.Records);
            s = r.Status;
        }

        var report = AlarmKpi.Compute(journal, T0, T0.AddHours(1));

        Assert.Equal(2, report.AlarmCount);
        Assert.Equal(2, report.Priorities.Medium);
        Assert.Equal(AlarmState.Suppressed, s.State);
    }
}
