namespace Prepaid.Acquisition.Simulator;

/// <summary>
/// Simulated time running <see cref="Scale"/> times faster than <paramref name="inner"/>, starting at
/// <paramref name="origin"/>. Only <see cref="GetUtcNow"/> is scaled; timers keep real durations.
/// </summary>
public sealed class ScaledTimeProvider(DateTimeOffset origin, double scale, TimeProvider? inner = null) : TimeProvider
{
    private readonly TimeProvider _inner = inner ?? System;
    private readonly long _start = (inner ?? System).GetTimestamp();

    /// <summary>Simulated seconds per real second.</summary>
    public double Scale { get; } = scale > 0 ? scale : throw new ArgumentOutOfRangeException(nameof(scale), scale, "Scale must be positive.");

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() =>
        origin + TimeSpan.FromTicks((long)(_inner.GetElapsedTime(_start).Ticks * Scale));
}
