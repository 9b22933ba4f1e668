using Prepaid.Domain.Model;

namespace Prepaid.Acquisition.Drivers;

/// <summary>What a meter profile can do: the capabilities a driver and a simulated meter share.</summary>
/// <param name="Profile">The profile.</param>
/// <param name="Kind">Electricity or water.</param>
/// <param name="Loops">Relay loops (0 when the meter has no relay commands).</param>
/// <param name="Phases">Measured phases (1 or 3; 0 for water).</param>
/// <param name="MeterTypeCode">Value of register 0x0200 (electricity only).</param>
/// <param name="HasPrepaid">True when the meter holds a balance and accepts purchases.</param>
/// <param name="HasRelay">True when the meter accepts relay (or valve) commands.</param>
public sealed record MeterProfileSpec(MeterProfile Profile, MeterKind Kind, int Loops, int Phases, ushort MeterTypeCode, bool HasPrepaid, bool HasRelay)
{
    /// <summary>The spec of <paramref name="profile"/>.</summary>
    public static MeterProfileSpec For(MeterProfile profile) => profile switch
    {
        // Type codes: 7 and 5 come from the vendor map; the metering-only profiles reuse the code of their hardware.
        MeterProfile.PrepaidSinglePhase => new(profile, MeterKind.Electricity, 1, 1, 7, true, true),
        MeterProfile.PrepaidThreePhase => new(profile, MeterKind.Electricity, 3, 3, 5, true, true),
        MeterProfile.PublicArea => new(profile, MeterKind.Electricity, 0, 3, 5, false, false),
        MeterProfile.MainIncomer => new(profile, MeterKind.Electricity, 0, 3, 5, false, false),
        MeterProfile.PrepaidWater => new(profile, MeterKind.Water, 0, 0, 0, true, true),
        _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, "Unknown meter profile."),
    };
}
