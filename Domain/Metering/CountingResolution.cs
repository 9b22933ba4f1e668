using Prepaid.Domain.Model;

namespace Prepaid.Domain.Metering;

/// <summary>
/// One count of a meter's cumulative register in primary units: the smallest change a reading can show. The
/// electricity energy registers count 0.01 kWh on the secondary side, so a CT or PT meter steps by
/// 0.01 x CT x PT kWh (the values the platform compares are primary, register x CT x PT); the water volume
/// register counts 0.001 m3.
/// </summary>
public static class CountingResolution
{
    /// <summary>The step of a meter of <paramref name="profile"/> with its transformer ratios.</summary>
    public static decimal For(MeterProfile profile, int ctRatio, int ptRatio) => profile switch
    {
        MeterProfile.PrepaidWater => 0.001m,
        _ => EnergyDeltaRule.DefaultResolution * Math.Max(1, ctRatio) * Math.Max(1, ptRatio),
    };
}
