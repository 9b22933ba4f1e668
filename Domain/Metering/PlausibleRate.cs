using Prepaid.Domain.Model;

namespace Prepaid.Domain.Metering;

/// <summary>
/// The highest consumption rate a meter can really measure (kW, or m3/h for water), with a 2x margin: a delta that
/// needs more is a fault, not consumption. Direct meters: 60 A single-phase (about 14 kW) and 100 A three-phase
/// (about 69 kW); CT meters: 5 A secondary at 400 V three-phase is 3.46 kW times the CT and PT ratios.
/// </summary>
public static class PlausibleRate
{
    /// <summary>The ceiling for a meter of <paramref name="profile"/> with its transformer ratios.</summary>
    public static decimal For(MeterProfile profile, int ctRatio, int ptRatio) => profile switch
    {
        MeterProfile.PrepaidWater => 10m,
        MeterProfile.PrepaidSinglePhase when ctRatio <= 1 => 30m,
        _ when ctRatio <= 1 => 140m,
        _ => 7m * ctRatio * Math.Max(1, ptRatio),
    };
}
