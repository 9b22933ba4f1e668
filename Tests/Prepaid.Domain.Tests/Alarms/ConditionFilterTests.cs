using Prepaid.Domain.Alarms;

namespace Prepaid.Domain.Tests.Alarms;

public sealed class ConditionFilterTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly ConditionFilterSettings Delays = new(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30));

    private static (ConditionFilterState State, List<AlarmEvent> Events) Run(ConditionFilterSettings settings, params (int Second, bool Raw)[] samples)
    {
        var state = ConditionFilterState.Initial;
        var events = new List<AlarmEvent>();
        foreach (var (second, raw) in samples)
        {
            var r = ConditionFilter.Update(state, settings, raw, T0.AddSeconds(second));
            state = r.State;
            if (r.Event is not null)
            {
                events.Add(r.Event);
            }
        }

        return (state, events);
    }

    [Fact]
    public void Update_ActiveExactlyOnDelay_Activates()
    {
        var (state, events) = Run(Delays, (0, true), (10, true));

        Assert.True(state.Active);
        var e = Assert.Single(events);
        Assert.Equal((AlarmEventKind.ConditionActive, T0.AddSeconds(10)), (e.Kind, e.At));
    }

    [Fact]
    public void Update_ActiveJustUnderOnDelay_DoesNotActivate()
    {
        var state = ConditionFilter.Update(ConditionFilterState.Initial, Delays, true, T0).State;

        var r = ConditionFilter.Update(state, Delays, true, T0.AddSeconds(10).AddTicks(-1));

        Assert.Null(r.Event);
        Assert.False(r.State.Active);
    }

    [Fact]
    public void Update_FlickeringShorterThanOnDelay_NeverActivates()
    {
        var (state, events) = Run(Delays, (0, true), (6, false), (8, true), (14, false), (16, true), (25, false), (40, false));

        Assert.Empty(events);
        Assert.False(state.Active);
    }

    [Fact]
    public void Update_FlickerRestartsOnDelay_ActivatesOnDelayAfterLastRise()
    {
        var (_, events) = Run(Delays, (0, true), (6, false), (8, true), (17, true), (18, true));

        Assert.Equal(T0.AddSeconds(18), Assert.Single(events).At);
    }

    [Fact]
    public void Update_ClearExactlyOffDelay_Returns()
    {
        var (state, events) = Run(Delays, (0, true), (10, true), (20, false), (50, false));

        Assert.False(state.Active);
        Assert.Equal([AlarmEventKind.ConditionActive, AlarmEventKind.ConditionClear], events.Select(e => e.Kind));
        Assert.Equal(T0.AddSeconds(50), events[1].At);
    }

    [Fact]
    public void Update_BriefClearWithinOffDelay_StaysActive()
    {
        var (state, events) = Run(Delays, (0, true), (10, true), (20, false), (45, true), (60, false), (89, false));

        Assert.True(state.Active);
        Assert.Single(events);
    }

    [Fact]
    public void Update_ZeroDelays_PassesEveryChange()
    {
        var (_, events) = Run(ConditionFilterSettings.None, (0, true), (1, false), (2, true), (3, true));

        Assert.Equal([AlarmEventKind.ConditionActive, AlarmEventKind.ConditionClear, AlarmEventKind.ConditionActive], events.Select(e => e.Kind));
    }

    [Fact]
    public void Evaluate_TimePassesWithoutSample_ActivatesAtDelay()
    {
        var state = ConditionFilter.Update(ConditionFilterState.Initial, Delays, true, T0).State;

        Assert.Null(ConditionFilter.Evaluate(state, Delays, T0.AddSeconds(9)).Event);
        var r = ConditionFilter.Evaluate(state, Delays, T0.AddSeconds(10));

        Assert.Equal(AlarmEventKind.ConditionActive, r.Event!.Kind);
    }

    [Fact]
    public void Evaluate_NeverSampled_NoEvent()
    {
        Assert.Null(ConditionFilter.Evaluate(ConditionFilterState.Initial, Delays, T0).Event);
    }

    [Fact]
    public void Update_SampleBackInTime_Throws()
    {
        var state = ConditionFilter.Update(ConditionFilterState.Initial, Delays, true, T0).State;

        Assert.Throws<ArgumentOutOfRangeException>(() => ConditionFilter.Update(state, Delays, true, T0.AddSeconds(-1)));
    }

    [Fact]
    public void Validate_NegativeDelay_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConditionFilterSettings(TimeSpan.FromSeconds(-1), TimeSpan.Zero).Validate());
    }

    [Theory]
    [InlineData(false, 100.0, false)] // at the limit: not above
    [InlineData(false, 100.1, true)]
    [InlineData(true, 100.0, true)]
    [InlineData(true, 95.0, true)] // exactly limit - deadband: still active
    [InlineData(true, 94.9, false)]
    [InlineData(false, 97.0, false)]
    public void Evaluate_HighLimitWithDeadband_Hysteresis(bool wasActive, double value, bool expected)
    {
        var limit = new AnalogLimit(100m, 5m);

        Assert.Equal(expected, limit.Evaluate(wasActive, (decimal)value));
    }

    [Theory]
    [InlineData(false, 10.0, false)]
    [InlineData(false, 9.9, true)]
    [InlineData(true, 12.0, true)]
    [InlineData(true, 12.1, false)]
    public void Evaluate_LowLimitWithDeadband_Hysteresis(bool wasActive, double value, bool expected)
    {
        var limit = new AnalogLimit(10m, 2m, LimitDirection.Low);

        Assert.Equal(expected, limit.Evaluate(wasActive, (decimal)value));
    }

    [Fact]
    public void UpdateAnalog_PowerOscillatingInsideDeadband_ActivatesOnceAndClearsBelowBand()
    {
        var limit = new AnalogLimit(20m, 2m);
        var state = ConditionFilterState.Initial;
        var events = new List<AlarmEvent>();
        decimal[] kw = [19m, 21m, 19.5m, 20.5m, 18.5m, 20.1m, 18m, 17.9m, 17m];
        for (var i = 0; i < kw.Length; i++)
        {
            var r = ConditionFilter.UpdateAnalog(state, ConditionFilterSettings.None, limit, kw[i], T0.AddSeconds(i));
            state = r.State;
            if (r.Event is not null)
            {
                events.Add(r.Event);
            }
        }

        Assert.Equal([AlarmEventKind.ConditionActive, AlarmEventKind.ConditionClear], events.Select(e => e.Kind));
        Assert.Equal(T0.AddSeconds(1), events[0].At);
        Assert.Equal(T0.AddSeconds(7), events[1].At); // 18 kW is exactly limit - deadband: still active
    }
}

public sealed class ConditionFilterMachineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Update_FlickeringCommLinkThroughCatalogDelays_OneAlarmNoChatter()
    {
        var key = new AlarmKey(Prepaid.Domain.Model.AlarmSourceKind.Meter, 5, Prepaid.Domain.Model.AlarmCondition.CommunicationLost);
        var settings = AlarmCatalog.Filter(key);
        var filter = ConditionFilterState.Initial;
        var alarm = AlarmStatus.Initial(AlarmCatalog.Definition(key));
        var journal = new List<AlarmJournalRecord>();
        // Poll every 5 s: lost, back, lost, back ... for a minute, then back for good.
        for (var i = 0; i < 30; i++)
        {
            var raw = i < 12 && i % 2 == 0;
            var step = ConditionFilter.Update(filter, settings, raw, T0.AddSeconds(5 * i));
            filter = step.State;
            if (step.Event is { } e)
            {
                var r = AlarmMachine.Apply(alarm, e);
                journal.AddRange(r.Records);
                alarm = r.Status;
            }
        }

        Assert.Equal([Prepaid.Domain.Model.AlarmState.ActiveUnacknowledged, Prepaid.Domain.Model.AlarmState.ReturnedUnacknowledged], journal.Select(r => r.To));
        Assert.Equal(T0.AddSeconds(55 + 30), journal[1].At); // last loss at 50 s, back at 55 s, off-delay 30 s
        Assert.Empty(AlarmKpi.Compute(journal, T0, T0.AddHours(1)).Chattering);
    }
}

public sealed class ChatterDetectorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset[] At(params double[] seconds) => seconds.Select(s => T0.AddSeconds(s)).ToArray();

    [Fact]
    public void IsChattering_ThreeWithinAMinute_True() => Assert.True(ChatterDetector.IsChattering(At(0, 30, 59.999)));

    [Fact]
    public void IsChattering_ThirdExactlyAMinuteLater_False() => Assert.False(ChatterDetector.IsChattering(At(0, 30, 60)));

    [Fact]
    public void IsChattering_TwoTransitions_False() => Assert.False(ChatterDetector.IsChattering(At(0, 1)));

    [Fact]
    public void FirstChatter_Unsorted_FindsThirdOfFirstDenseWindow()
    {
        // Sorted: 0, 61, 100, 120, 150; 61..120 is the first trio within a minute.
        Assert.Equal(T0.AddSeconds(120), ChatterDetector.FirstChatter(At(150, 0, 100, 120, 61)));
    }

    [Fact]
    public void Record_RollingWindow_FlagsThirdAndForgetsOld()
    {
        IReadOnlyList<DateTimeOffset> window = [];
        var flags = new List<bool>();
        foreach (var t in At(0, 20, 40, 100, 130, 161))
        {
            (window, var chattering) = ChatterDetector.Record(window, t);
            flags.Add(chattering);
        }

        Assert.Equal([false, false, true, false, false, false], flags);
        Assert.Equal(At(130, 161), window);
    }
}
