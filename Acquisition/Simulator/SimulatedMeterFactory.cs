using Prepaid.Domain.Model;

namespace Prepaid.Acquisition.Simulator;

/// <summary>Creates the simulated meter of a profile.</summary>
public static class SimulatedMeterFactory
{
    /// <summary>A water meter for <see cref="MeterProfile.PrepaidWater"/>, an electricity meter otherwise.</summary>
    public static SimulatedMeter Create(SimulatedMeterSettings settings, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Profile == MeterProfile.PrepaidWater
            ? new SimulatedWaterMeter(settings, timeProvider)
            : new SimulatedElectricityMeter(settings, timeProvider);
    }
}
