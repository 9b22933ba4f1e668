namespace Prepaid.Acquisition.Drivers;

/// <summary>How a driver confirms commands.</summary>
public sealed record MeterDriverOptions
{
    /// <summary>Read-backs after a command before it counts as not confirmed (meters apply a relay command within a second or two).</summary>
    public int ConfirmReads { get; init; } = 3;

    /// <summary>Wait between read-backs.</summary>
    public TimeSpan ConfirmDelay { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Purchase writes per delivery while the read-back shows the count unchanged (safe to resend).</summary>
    public int MaxPurchaseWrites { get; init; } = 2;

    /// <summary>Clock for source times and waits.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
