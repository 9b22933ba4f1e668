namespace Prepaid.Acquisition.Drivers;

/// <summary>The three relay commands of register 0x0057/0x0058.</summary>
internal enum RelayAction
{
    Trip,
    KeepPower,
    Release,
}
