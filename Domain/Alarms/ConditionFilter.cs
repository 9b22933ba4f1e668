namespace Prepaid.Domain.Alarms;

/// <summary>Anti-chattering delays for one alarm's condition.</summary>
/// <param name="OnDelay">How long the raw condition must persist before the alarm activates (zero: at once).</param>
/// <param name="OffDelay">How long the raw condition must stay clear before the alarm returns (zero: at once).</param>
public sealed record ConditionFilterSettings(TimeSpan OnDelay, TimeSpan OffDelay)
{
    /// <summary>No delays: every raw change passes through.</summary>
    public static ConditionFilterSettings None { get; } = new(TimeSpan.Zero, TimeSpan.Zero);

    /// <summary>Throws when a delay is negative.</summary>
    public void Validate()
    {
        if (OnDelay < TimeSpan.Zero || OffDelay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(OnDelay), "Alarm delays must not be negative.");
        }
    }
}

/// <summary>Which side of an analog limit is abnormal.</summary>
public enum LimitDirection
{
    /// <summary>Abnormal above the limit (for example power above the meter's power limit).</summary>
    High = 0,
    /// <summary>Abnormal below the limit.</summary>
    Low = 1,
}

/// <summary>
/// An analog limit with a deadband (hysteresis): for <see cref="LimitDirection.High"/> the condition becomes
/// active when the value is above <see cref="Limit"/> and clears only when it is below
/// <c>Limit - Deadband</c>; between the two it keeps its previous state. Mirrored for <see cref="LimitDirection.Low"/>.
/// </summary>
/// <param name="Limit">The alarm limit, in the source's unit (for example kW).</param>
/// <param name="Deadband">The hysteresis, not negative, same unit.</param>
/// <param name="Direction">Which side of the limit is abnormal.</param>
public sealed record AnalogLimit(decimal Limit, decimal Deadband, LimitDirection Direction = LimitDirection.High)
{
    /// <summary>The raw condition for <paramref name="value"/>, given whether it was active before.</summary>
    public bool Evaluate(bool wasActive, decimal value)
    {
        if (Deadband < 0)
        {
            throw new InvalidOperationException("An alarm deadband must not be negative.");
        }

        return Direction == LimitDirection.High
            ? (wasActive ? value >= Limit - Deadband : value > Limit)
            : (wasActive ? value <= Limit + Deadband : value < Limit);
    }
}

/// <summary>The state of one alarm's condition filter. Start from <see cref="Initial"/>.</summary>
/// <param name="RawActive">The last raw (unfiltered, after deadband) condition.</param>
/// <param name="RawSince">Since when the raw condition has had its current value (null before any sample).</param>
/// <param name="Active">The filtered condition the alarm machine has been told.</param>
/// <param name="LastAt">Time of the last sample or evaluation.</param>
public sealed record ConditionFilterState(bool RawActive, DateTimeOffset? RawSince, bool Active, DateTimeOffset? LastAt)
{
    /// <summary>Clear, never sampled.</summary>
    public static ConditionFilterState Initial { get; } = new(false, null, false, null);
}

/// <summary>A filter step: the new filter state and, when the filtered condition changed, the event for the alarm machine.</summary>
/// <param name="State">The new filter state.</param>
/// <param name="Event">A <see cref="AlarmEventKind.ConditionActive"/> or <see cref="AlarmEventKind.ConditionClear"/> event, or null.</param>
public sealed record ConditionFilterResult(ConditionFilterState State, AlarmEvent? Event);

/// <summary>
/// On-delay and off-delay against chattering, as a pure state machine. The raw condition is judged from the
/// samples given and is assumed to hold between them; a change of the raw condition restarts the delay. The
/// filtered change is reported at the sample or evaluation time at which the delay is seen to have elapsed
/// (a condition that has persisted exactly the delay counts), so call <see cref="Evaluate"/> on a timer (or at
/// every poll) when samples arrive only on change.
/// </summary>
public static class ConditionFilter
{
    /// <summary>Feeds one raw sample taken at <paramref name="at"/>.</summary>
    public static ConditionFilterResult Update(ConditionFilterState state, ConditionFilterSettings settings, bool raw, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        if (state.LastAt is { } last && at < last)
        {
            throw new ArgumentOutOfRangeException(nameof(at), at, "Condition samples must not go back in time.");
        }

        var next = raw != state.RawActive || state.RawSince is null
            ? state with { RawActive = raw, RawSince = at, LastAt = at }
            : state with { LastAt = at };
        if (next.RawActive == next.Active)
        {
            return new ConditionFilterResult(next, null);
        }

        var delay = next.RawActive ? settings.OnDelay : settings.OffDelay;
        if (at - next.RawSince!.Value < delay)
        {
            return new ConditionFilterResult(next, null);
        }

        next = next with { Active = next.RawActive };
        return new ConditionFilterResult(next, next.Active ? AlarmEvent.ConditionActive(at) : AlarmEvent.ConditionClear(at));
    }

    /// <summary>Time passes without a new sample: the raw condition is assumed unchanged.</summary>
    public static ConditionFilterResult Evaluate(ConditionFilterState state, ConditionFilterSettings settings, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.RawSince is null
            ? new ConditionFilterResult(state, null)
            : Update(state, settings, state.RawActive, at);
    }

    /// <summary>Feeds one analog sample through the limit's deadband, then the delays.</summary>
    public static ConditionFilterResult UpdateAnalog(
        ConditionFilterState state, ConditionFilterSettings settings, AnalogLimit limit, decimal value, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(limit);
        return Update(state, settings, limit.Evaluate(state.RawActive, value), at);
    }
}

/// <summary>
/// Chattering detection: an alarm whose condition makes 3 or more transitions (activations or clears) within
/// one minute is chattering (the target is none). The window is half-open: three transitions
/// chatter when the third comes less than 60 seconds after the first.
/// </summary>
public static class ChatterDetector
{
    /// <summary>The sliding window.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>Transitions within <see cref="Window"/> that make an alarm chattering.</summary>
    public const int Threshold = 3;

    /// <summary>True if any window of one minute holds at least <see cref="Threshold"/> transitions.</summary>
    public static bool IsChattering(IEnumerable<DateTimeOffset> transitionTimes) => FirstChatter(transitionTimes) is not null;

    /// <summary>The time of the transition that first made the alarm chattering, or null.</summary>
    public static DateTimeOffset? FirstChatter(IEnumerable<DateTimeOffset> transitionTimes)
    {
        ArgumentNullException.ThrowIfNull(transitionTimes);
        var times = transitionTimes.Order().ToArray();
        for (var i = Threshold - 1; i < times.Length; i++)
        {
            if (times[i] - times[i - Threshold + 1] < Window)
            {
                return times[i];
            }
        }

        return null;
    }

    /// <summary>
    /// Adds a transition to a rolling window (the transitions of the last minute) and says whether the alarm is
    /// chattering now. Start with an empty list.
    /// </summary>
    public static (IReadOnlyList<DateTimeOffset> Window, bool Chattering) Record(IReadOnlyList<DateTimeOffset> recent, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(recent);
        var kept = recent.Where(t => at - t < Window).Append(at).ToArray();
        return (kept, kept.Length >= Threshold);
    }
}
