namespace Prepaid.Acquisition.Drivers;

/// <summary>
/// What a meter's supply is doing and why, as operators see it on the wall, the meter pages and the hub. Decided in
/// one place, <see cref="MeterStatus.SupplyAt"/>, from the status word the driver decoded (<see cref="MeterStatusFlags"/>),
/// the relay or valve and the data's quality: screens map it to symbols and text and never read status bits themselves.
/// </summary>
public enum SupplyState
{
    /// <summary>Good, fresh data but no relay or valve to report (a public-area meter or an incomer without one).</summary>
    Unknown = 0,

    /// <summary>Relay closed (or valve open) under normal prepaid control.</summary>
    On = 1,

    /// <summary>Relay closed while forced control is active (保电, keep power): automatic trips are overridden.</summary>
    KeepPower = 2,

    /// <summary>Relay open (or valve closed) in arrears: the meter reports arrears or holds no money.</summary>
    ArrearsTrip = 3,

    /// <summary>Relay open at the meter's warning trip below alarm amount 2 (the tenant can restore it locally).</summary>
    LowBalanceTrip = 4,

    /// <summary>Relay open because power exceeded the meter's limit (restored by an operator).</summary>
    OverPowerTrip = 5,

    /// <summary>Relay open for another reason: a remote or operator trip, or a forced open.</summary>
    Tripped = 6,

    /// <summary>The valve of a water meter closed for another reason than arrears (by command, or a valve fault).</summary>
    ValveClosed = 7,

    /// <summary>No usable answer: the meter is silent, its answers cannot be trusted, or it was never read.</summary>
    CommLost = 8,

    /// <summary>The last good values are older than the stale threshold: what they said may no longer hold.</summary>
    Stale = 9,
}
