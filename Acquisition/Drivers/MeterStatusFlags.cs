namespace Prepaid.Acquisition.Drivers;

/// <summary>Status flags a meter reports, independent of how the protocol encodes them.</summary>
[Flags]
public enum MeterStatusFlags
{
    /// <summary>Nothing set.</summary>
    None = 0,

    /// <summary>The meter reports an internal fault.</summary>
    Fault = 1 << 0,

    /// <summary>The prepaid (fee-control) function is enabled.</summary>
    PrepaidEnabled = 1 << 1,

    /// <summary>The power limit is exceeded.</summary>
    OverPower = 1 << 2,

    /// <summary>In arrears (remaining at or below zero).</summary>
    Arrears = 1 << 3,

    /// <summary>Remaining at or below alarm amount 1.</summary>
    Alarm1 = 1 << 4,

    /// <summary>Remaining at or below alarm amount 2.</summary>
    Alarm2 = 1 << 5,

    /// <summary>Forced (manual) control active: a remote trip or keep power overrides prepaid control.</summary>
    ForcedControl = 1 << 6,

    /// <summary>Power (load) control enabled.</summary>
    PowerControl = 1 << 7,

    /// <summary>Time control enabled.</summary>
    TimeControl = 1 << 8,
}
