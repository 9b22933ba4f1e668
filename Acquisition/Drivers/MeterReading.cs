using Prepaid.Domain.Model;

namespace Prepaid.Acquisition.Drivers;

/// <summary>
/// One reading of a meter, whatever the protocol. Values are decimals (exact, never floating point); when
/// <see cref="Quality"/> is not <see cref="ValueQuality.Good"/> only <see cref="Error"/> is meaningful.
/// </summary>
public sealed record MeterReading
{
    /// <summary>The profile of the meter read.</summary>
    public required MeterProfile Profile { get; init; }

    /// <summary>
    /// Whether the values are meter data: <see cref="ValueQuality.Good"/>, <see cref="ValueQuality.Invalid"/> (an answer that
    /// cannot be used) or <see cref="ValueQuality.CommLost"/> (no answer). A reading is never stale when it is taken.
    /// </summary>
    public required ValueQuality Quality { get; init; }

    /// <summary>When the answer arrived (acquisition clock).</summary>
    public required DateTimeOffset SourceTime { get; init; }

    /// <summary>Why the reading is not good, for operators and logs.</summary>
    public string? Error { get; init; }

    /// <summary>Meter type code (0x0200) for electricity profiles.</summary>
    public int? MeterTypeCode { get; init; }

    /// <summary>Electrical values, for electricity profiles.</summary>
    public ElectricalValues? Electrical { get; init; }

    /// <summary>Water values, for the water profile.</summary>
    public WaterValues? Water { get; init; }

    /// <summary>Remaining amount in yuan (negative while the overdraft is used), for prepaid profiles.</summary>
    public decimal? RemainingYuan { get; init; }

    /// <summary>Purchase count, for prepaid profiles.</summary>
    public int? PurchaseCount { get; init; }

    /// <summary>Status flags.</summary>
    public MeterStatusFlags Status { get; init; }

    /// <summary>Relay state per loop (true = closed); empty for meters without a relay.</summary>
    public IReadOnlyList<bool> RelayClosed { get; init; } = [];

    /// <summary>
    /// Whether the meter lets supply through: relay loop 1 closed for electricity meters, the valve open for water meters
    /// (a closed or faulty valve is no supply); null when the reading has neither.
    /// </summary>
    public bool? SupplyOn => Water is { } water ? water.Valve == ValveState.Open : RelayClosed.Count > 0 ? RelayClosed[0] : null;

    /// <summary>True when the reading holds meter data.</summary>
    public bool IsGood => Quality == ValueQuality.Good;

    /// <summary>A reading without data.</summary>
    public static MeterReading Failed(MeterProfile profile, ValueQuality quality, DateTimeOffset time, string error) =>
        new() { Profile = profile, Quality = quality, SourceTime = time, Error = error };
}
