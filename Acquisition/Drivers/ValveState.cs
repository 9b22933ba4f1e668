namespace Prepaid.Acquisition.Drivers;

/// <summary>State of a water meter's motorised valve, as register 0x001C codes it.</summary>
public enum ValveState
{
    /// <summary>Any other register value.</summary>
    Unknown = 0,

    /// <summary>Open (1).</summary>
    Open = 1,

    /// <summary>Closed (2).</summary>
    Closed = 2,

    /// <summary>Valve fault (3).</summary>
    Fault = 3,
}
