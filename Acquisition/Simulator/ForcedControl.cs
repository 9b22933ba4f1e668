namespace Prepaid.Acquisition.Simulator;

/// <summary>The forced (manual) relay control a simulated meter is under.</summary>
public enum ForcedControl
{
    /// <summary>Automatic prepaid control.</summary>
    None,

    /// <summary>Forced trip.</summary>
    Trip,

    /// <summary>Forced close, keep power.</summary>
    KeepPower,
}
