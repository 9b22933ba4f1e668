using Prepaid.Acquisition.Drivers;
using Prepaid.Domain.Model;

namespace Prepaid.App.Kernel.Live;

/// <summary>
/// A meter's live values as screens and hub clients see them. This is also the SignalR message contract of
/// <c>/hubs/meters</c> (camelCase JSON): keep it additive.
/// </summary>
public sealed record MeterSnapshot(
    int MeterId,
    ValueQuality Quality,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? LastGoodAt,
    decimal? PowerKw,
    decimal? EnergyKwh,
    decimal? VolumeM3,
    decimal? RemainingYuan,
    bool? SupplyOn,
    int StatusFlags)
{
    public static MeterSnapshot From(MeterLiveState s) => new(
        s.MeterId, s.Quality, s.UpdatedAt, s.LastGoodAt, s.PowerKw, s.EnergyKwh, s.VolumeM3, s.RemainingYuan, s.SupplyOn, s.StatusFlags);

    /// <summary>
    /// What Acquisition makes of a meter's live values (quality at a time, supply state); a meter without a snapshot was
    /// never read. Screens ask this instead of reading status bits or ages themselves. A method, not a property, so that
    /// the hub's message contract stays as it is.
    /// </summary>
    public static MeterStatus StatusOf(MeterSnapshot? snapshot) => snapshot is null
        ? MeterStatus.NeverRead
        : new(snapshot.Quality, snapshot.LastGoodAt, snapshot.SupplyOn, (MeterStatusFlags)snapshot.StatusFlags, snapshot.RemainingYuan);
}
