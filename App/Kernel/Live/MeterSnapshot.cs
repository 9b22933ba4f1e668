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
}
