using Prepaid.Domain.Model;

namespace Prepaid.Acquisition.Drivers;

/// <summary>
/// The last known state of a meter that decides its data quality and its <see cref="SupplyState"/>: the quality of the
/// last attempt, when it last read good, relay or valve, the status flags the driver decoded, and the money it holds.
/// The App keeps these fields in its live state and asks this type what they mean, so the status word's meaning and
/// the supply classification live here only.
/// </summary>
/// <param name="Quality">Quality of the last reading attempt (<see cref="ValueQuality.Stale"/> is judged later, by age).</param>
/// <param name="LastGoodAt">Source time of the last good reading, or null before the first.</param>
/// <param name="SupplyOn">Relay of loop 1 closed or valve open (<see cref="MeterReading.SupplyOn"/>); null without either.</param>
/// <param name="Flags">Status flags of the last good reading.</param>
/// <param name="RemainingYuan">Money the meter holds, for prepaid profiles.</param>
public readonly record struct MeterStatus(ValueQuality Quality, DateTimeOffset? LastGoodAt, bool? SupplyOn, MeterStatusFlags Flags, decimal? RemainingYuan)
{
    /// <summary>
    /// Age after which good values are shown as stale: four 30-second poll periods. The polling engine's default
    /// (<see cref="Polling.AcquisitionOptions.StaleAfter"/>) is the same, so diagnostics and screens agree.
    /// </summary>
    public static TimeSpan DefaultStaleAfter { get; } = TimeSpan.FromMinutes(2);

    /// <summary>A meter never read (no live state yet): nothing is known, which screens show as lost communication.</summary>
    public static MeterStatus NeverRead { get; } = new(ValueQuality.CommLost, null, null, MeterStatusFlags.None, null);

    /// <summary>The status a good reading gives (a failed one keeps the previous values, so it has no status of its own).</summary>
    public static MeterStatus Of(MeterReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        return new(reading.Quality, reading.IsGood ? reading.SourceTime : null, reading.SupplyOn, reading.Status, reading.RemainingYuan);
    }

    /// <summary>The quality at <paramref name="now"/>: good data older than <paramref name="staleAfter"/> (default <see cref="DefaultStaleAfter"/>) is stale.</summary>
    public ValueQuality QualityAt(DateTimeOffset now, TimeSpan? staleAfter = null) =>
        Quality == ValueQuality.Good && LastGoodAt is { } at && now - at > (staleAfter ?? DefaultStaleAfter) ? ValueQuality.Stale : Quality;

    /// <summary>
    /// What the supply of a meter of <paramref name="kind"/> is doing at <paramref name="now"/>. Data that cannot be trusted
    /// comes first (lost, then stale); then the relay or valve with the reason the flags give, in the order an operator
    /// acts on: keep power, over-power (an operator must restore it), arrears, the warning trip, any other opening.
    /// </summary>
    public SupplyState SupplyAt(MeterKind kind, DateTimeOffset now, TimeSpan? staleAfter = null)
    {
        switch (QualityAt(now, staleAfter))
        {
            case ValueQuality.CommLost or ValueQuality.Invalid:
                return SupplyState.CommLost;
            case ValueQuality.Stale:
                return SupplyState.Stale;
        }

        return SupplyOn switch
        {
            true when Flags.HasFlag(MeterStatusFlags.ForcedControl) => SupplyState.KeepPower,
            true => SupplyState.On,
            false when Flags.HasFlag(MeterStatusFlags.OverPower) => SupplyState.OverPowerTrip,
            false when Flags.HasFlag(MeterStatusFlags.Arrears) || RemainingYuan <= 0 => SupplyState.ArrearsTrip,
            false when Flags.HasFlag(MeterStatusFlags.Alarm2) => SupplyState.LowBalanceTrip,
            false when kind == MeterKind.Water => SupplyState.ValveClosed,
            false => SupplyState.Tripped,
            null => SupplyState.Unknown,
        };
    }
}
