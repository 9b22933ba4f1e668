namespace Prepaid.Domain.Metering;

/// <summary>What a new cumulative register value means against the previous one.</summary>
public enum EnergyDeltaKind
{
    /// <summary>A plausible consumption that may be billed.</summary>
    Valid,
    /// <summary>The register went backwards: rollover, reset or a swapped meter. Never billed; an event for an operator.</summary>
    Negative,
    /// <summary>More energy than the meter could have measured in the elapsed time. Never billed; an event.</summary>
    Absurd,
}

/// <summary>The classification of one delta, with the implied average power for the event text.</summary>
public readonly record struct EnergyDelta(EnergyDeltaKind Kind, decimal Delta, decimal ImpliedKw);

/// <summary>
/// Decides whether a change of a cumulative energy (or volume) register is consumption. Counters only grow; a
/// jump that needs more than <c>maxPlausibleKw</c> over the elapsed time is not energy but a fault.
/// </summary>
public static class EnergyDeltaRule
{
    /// <summary>Classifies <paramref name="current"/> - <paramref name="previous"/> read <paramref name="elapsed"/> apart.</summary>
    public static EnergyDelta Classify(decimal previous, decimal current, TimeSpan elapsed, decimal maxPlausibleKw)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPlausibleKw);
        var delta = current - previous;
        if (delta < 0)
        {
            return new EnergyDelta(EnergyDeltaKind.Negative, delta, 0m);
        }

        if (delta == 0)
        {
            return new EnergyDelta(EnergyDeltaKind.Valid, 0m, 0m);
        }

        // A delta over no time at all is only plausible when it is tiny; treat elapsed as at least one second.
        // Compared exactly in whole ticks: delta [kWh] x 3600 s/h > ceiling [kW] x seconds, both sides scaled by
        // ticks per second. A decimal quotient (delta / hours) is rounded and can land just above the ceiling.
        var ticks = Math.Max(elapsed.Ticks, TimeSpan.TicksPerSecond);
        var scaledDelta = delta * 3600m * TimeSpan.TicksPerSecond;
        var impliedKw = scaledDelta / ticks;
        return scaledDelta > maxPlausibleKw * ticks
            ? new EnergyDelta(EnergyDeltaKind.Absurd, delta, decimal.Round(impliedKw, 1))
            : new EnergyDelta(EnergyDeltaKind.Valid, delta, decimal.Round(impliedKw, 3));
    }
}
