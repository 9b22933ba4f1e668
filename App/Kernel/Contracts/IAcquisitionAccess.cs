using Prepaid.Acquisition.Polling;

namespace Prepaid.App.Kernel.Contracts;

/// <summary>
/// The running acquisition engine as the features that send commands see it (operator commands, batches, keep
/// power, billing). The readings feature provides it; nothing else starts or stops the engine.
/// </summary>
public interface IAcquisitionAccess
{
    /// <summary>False when acquisition is switched off by configuration (commands are then refused, never queued).</summary>
    bool Enabled { get; }

    /// <summary>The running engine, or null while acquisition is off or still starting.</summary>
    AcquisitionEngine? Engine { get; }

    /// <summary>How often a meter's fast values (energy, power, state) are read.</summary>
    TimeSpan FastPeriod { get; }

    /// <summary>How often a meter's full register set is read.</summary>
    TimeSpan FullPeriod { get; }
}
