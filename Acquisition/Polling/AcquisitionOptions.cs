using Prepaid.Acquisition.Drivers;

namespace Prepaid.Acquisition.Polling;

/// <summary>Fault handling, thresholds and clocks of the acquisition core.</summary>
public sealed record AcquisitionOptions
{
    /// <summary>Clock of schedules, states and source times.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>A meter without a good reading for longer than this is stale (by default the screens' threshold, <see cref="MeterStatus.DefaultStaleAfter"/>).</summary>
    public TimeSpan StaleAfter { get; init; } = MeterStatus.DefaultStaleAfter;

    /// <summary>A meter without a good reading for longer than this is lost (and reported, unless suppressed).</summary>
    public TimeSpan LostAfter { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Consecutive failed polls of a meter before it is backed off.</summary>
    public int BackoffAfterFailures { get; init; } = 2;

    /// <summary>Largest back-off: a dead meter is polled at least every this many periods.</summary>
    public int MaxBackoffMultiplier { get; init; } = 16;

    /// <summary>
    /// A bus is down when this many different meters (or all its meters, if fewer) failed without any answer on the
    /// bus in between, or when the connection to its gateway port cannot be (re)opened.
    /// </summary>
    public int BusDownAfterSilentMeters { get; init; } = 3;

    /// <summary>While a bus is down, one meter is probed after this wait, doubling up to <see cref="MaxBusProbeInterval"/>.</summary>
    public TimeSpan BusProbeInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Upper bound of the probe interval of a down bus.</summary>
    public TimeSpan MaxBusProbeInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A down bus is reported only after this long, so that a whole gateway going down gives one gateway event.</summary>
    public TimeSpan BusLostEventDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Reconnect back-off of the Modbus client (first wait).</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Reconnect back-off of the Modbus client (upper bound).</summary>
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Extra executions of a command that failed without answer or was not confirmed (never for purchases).</summary>
    public int CommandRetries { get; init; } = 2;

    /// <summary>Wait before re-executing a command.</summary>
    public TimeSpan CommandRetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Read-back settings of the drivers (its <see cref="MeterDriverOptions.TimeProvider"/> is replaced by <see cref="TimeProvider"/>).</summary>
    public MeterDriverOptions Driver { get; init; } = new();

    /// <summary>How often the engine evaluates communication states and raises events.</summary>
    public TimeSpan EvaluationInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Wait after an unexpected exception in a loop before it goes on.</summary>
    public TimeSpan ErrorBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Throws when a value is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(LostAfter, StaleAfter, nameof(LostAfter));
        ArgumentOutOfRangeException.ThrowIfLessThan(BackoffAfterFailures, 1, nameof(BackoffAfterFailures));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBackoffMultiplier, 1, nameof(MaxBackoffMultiplier));
        ArgumentOutOfRangeException.ThrowIfLessThan(BusDownAfterSilentMeters, 1, nameof(BusDownAfterSilentMeters));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(BusProbeInterval, TimeSpan.Zero, nameof(BusProbeInterval));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBusProbeInterval, BusProbeInterval, nameof(MaxBusProbeInterval));
        ArgumentOutOfRangeException.ThrowIfNegative(CommandRetries, nameof(CommandRetries));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(EvaluationInterval, TimeSpan.Zero, nameof(EvaluationInterval));
    }
}
