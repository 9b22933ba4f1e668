namespace Prepaid.Domain.Metering;

/// <summary>What a new cumulative register value means against the previous one.</summary>
public enum EnergyDeltaKind
{
    /// <summary>A plausible consumption that may be billed; the new value becomes the baseline.</summary>
    Valid,
    /// <summary>The register went backwards: rollover, reset or a swapped meter. Never billed; an event for an operator.</summary>
    Negative,
    /// <summary>More energy than the meter could have measured over a real window. Never billed; an event.</summary>
    Absurd,
    /// <summary>
    /// Not judged: more than one count over a window shorter than the minimum window, too short to tell a jump from
    /// consumption. Neither billed nor an event. The caller keeps the previous value and its time as the baseline, so
    /// the next reading is judged (and the energy counted) over a real window.
    /// </summary>
    Deferred,
}

/// <summary>The classification of one delta, with the implied average power for the event text
/// (zero for <see cref="EnergyDeltaKind.Negative"/> and <see cref="EnergyDeltaKind.Deferred"/>).</summary>
public readonly record struct EnergyDelta(EnergyDeltaKind Kind, decimal Delta, decimal ImpliedKw);

/// <summary>
/// Decides whether a change of a cumulative energy (or volume) register is consumption. Counters only grow; a
/// jump that needs more than <c>maxPlausibleKw</c> over the elapsed time is not energy but a fault. A register
/// counts in whole steps (<c>resolution</c>), so one step says nothing about the rate: a delta of at most one
/// step is never a jump. Nor is anything seen over a window shorter than <c>minimumWindow</c>: reads a fraction
/// of a second apart turn one or two counts into tens of kW. Such a delta is <see cref="EnergyDeltaKind.Deferred"/>
/// and is judged once the window from the kept baseline is long enough; a negative delta is flagged at once.
/// </summary>
public static class EnergyDeltaRule
{
    /// <summary>One count of the electricity energy register (0.01 kWh) on a direct-connected meter.</summary>
    public const decimal DefaultResolution = 0.01m;

    /// <summary>The shortest window over which a rate is judged: one minute.</summary>
    public static readonly TimeSpan DefaultMinimumWindow = TimeSpan.FromSeconds(60);

    /// <summary>Classifies <paramref name="current"/> - <paramref name="previous"/> read <paramref name="elapsed"/> apart.</summary>
    /// <param name="previous">The baseline value.</param>
    /// <param name="current">The new value.</param>
    /// <param name="elapsed">Time between the baseline and the new value; not negative.</param>
    /// <param name="maxPlausibleKw">The ceiling (kW, or m3/h), see <see cref="PlausibleRate"/>.</param>
    /// <param name="resolution">One count of the register in the unit of the values (primary side), see
    /// <see cref="CountingResolution"/>; a delta up to this is always <see cref="EnergyDeltaKind.Valid"/>.</param>
    /// <param name="minimumWindow">Windows shorter than this (default <see cref="DefaultMinimumWindow"/>) are
    /// never judged a jump; <see cref="TimeSpan.Zero"/> judges every window as it is.</param>
    /// <exception cref="ArgumentOutOfRangeException">A non-positive ceiling, or a negative resolution, window or elapsed time.</exception>
    public static EnergyDelta Classify(
        decimal previous, decimal current, TimeSpan elapsed, decimal maxPlausibleKw,
        decimal resolution = DefaultResolution, TimeSpan? minimumWindow = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPlausibleKw);
        ArgumentOutOfRangeException.ThrowIfNegative(resolution);
        ArgumentOutOfRangeException.ThrowIfLessThan(elapsed, TimeSpan.Zero);
        var window = minimumWindow ?? DefaultMinimumWindow;
        ArgumentOutOfRangeException.ThrowIfLessThan(window, TimeSpan.Zero, nameof(minimumWindow));

        var delta = current - previous;
        if (delta < 0)
        {
            return new EnergyDelta(EnergyDeltaKind.Negative, delta, 0m);
        }

        if (delta == 0)
        {
            return new EnergyDelta(EnergyDeltaKind.Valid, 0m, 0m);
        }

        // Compared exactly in whole ticks: delta [kWh] x 3600 s/h > ceiling [kW] x seconds, both sides scaled by
        // ticks per second. A decimal quotient (delta / hours) is rounded and can land just above the ceiling.
        var scaledDelta = delta * 3600m * TimeSpan.TicksPerSecond;
        var impliedKw = scaledDelta / Math.Max(elapsed.Ticks, 1L);
        if (delta <= resolution)
        {
            return new EnergyDelta(EnergyDeltaKind.Valid, delta, decimal.Round(impliedKw, 3));
        }

        if (elapsed < window)
        {
            return new EnergyDelta(EnergyDeltaKind.Deferred, delta, 0m);
        }

        return scaledDelta > maxPlausibleKw * elapsed.Ticks
            ? new EnergyDelta(EnergyDeltaKind.Absurd, delta, decimal.Round(impliedKw, 1))
            : new EnergyDelta(EnergyDeltaKind.Valid, delta, decimal.Round(impliedKw, 3));
    }
}
