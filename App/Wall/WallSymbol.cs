using Prepaid.Acquisition.Drivers;
using Prepaid.App.Kernel.Live;
using Prepaid.Domain.Model;

namespace Prepaid.App.Wall;

/// <summary>
/// What a breaker symbol on the wall shows. ISA-101: normal is grey; every abnormal state has its own colour
/// and, for colour-blind readers and bad projectors, its own shape or letter as well.
/// </summary>
public enum WallSymbolState
{
    /// <summary>Supply on, data good: a filled grey square.</summary>
    Normal,
    /// <summary>Tripped for arrears: amber, hollow, with "¥".</summary>
    ArrearsTrip,
    /// <summary>The meter's warning trip below alarm amount 2 (the tenant can restore it locally): amber, hollow, with "2".</summary>
    LowBalanceTrip,
    /// <summary>Tripped for power over the limit: red, hollow, with "P".</summary>
    OverPowerTrip,
    /// <summary>Open for another reason (operator trip, valve closed): amber hollow square.</summary>
    Open,
    /// <summary>Forced closed (保电): blue with "K".</summary>
    KeepPower,
    /// <summary>No answer: magenta dashed outline with "?".</summary>
    CommLost,
    /// <summary>Last good value too old: dotted outline with "~".</summary>
    Stale,
}

public static class WallSymbols
{
    /// <summary>The symbol of a meter of <paramref name="kind"/>: Acquisition's supply state, drawn the wall's way.</summary>
    public static WallSymbolState Of(MeterSnapshot? snapshot, MeterKind kind, DateTimeOffset now) =>
        MeterSnapshot.StatusOf(snapshot).SupplyAt(kind, now) switch
        {
            SupplyState.On or SupplyState.Unknown => WallSymbolState.Normal,
            SupplyState.KeepPower => WallSymbolState.KeepPower,
            SupplyState.ArrearsTrip => WallSymbolState.ArrearsTrip,
            SupplyState.LowBalanceTrip => WallSymbolState.LowBalanceTrip,
            SupplyState.OverPowerTrip => WallSymbolState.OverPowerTrip,
            SupplyState.Tripped or SupplyState.ValveClosed => WallSymbolState.Open,
            SupplyState.Stale => WallSymbolState.Stale,
            _ => WallSymbolState.CommLost,
        };
}
