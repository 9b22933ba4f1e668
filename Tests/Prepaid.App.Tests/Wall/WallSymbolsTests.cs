using Prepaid.Acquisition.Drivers;
using Prepaid.App.Kernel.Live;
using Prepaid.App.Wall;
using Prepaid.Domain.Model;

namespace Prepaid.App.Tests.Wall;

public sealed class WallSymbolsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 2, 0, 0, TimeSpan.Zero);

    private static MeterSnapshot Snapshot(bool? supply, MeterStatusFlags flags = MeterStatusFlags.None, decimal? remaining = 100m,
        ValueQuality quality = ValueQuality.Good, int ageSeconds = 10) =>
        new(1, quality, Now, Now.AddSeconds(-ageSeconds), 1m, 10m, null, remaining, supply, (int)flags);

    public static TheoryData<MeterSnapshot?, WallSymbolState> Cases() => new()
    {
        { Snapshot(true), WallSymbolState.Normal },
        { Snapshot(true, MeterStatusFlags.ForcedControl), WallSymbolState.KeepPower },
        { Snapshot(false, MeterStatusFlags.ForcedControl), WallSymbolState.Open },
        { Snapshot(false, MeterStatusFlags.OverPower | MeterStatusFlags.Arrears), WallSymbolState.OverPowerTrip },
        { Snapshot(false, MeterStatusFlags.Arrears, -5m), WallSymbolState.ArrearsTrip },
        { Snapshot(false, remaining: 0m), WallSymbolState.ArrearsTrip },
        { Snapshot(false, MeterStatusFlags.Alarm2 | MeterStatusFlags.Alarm1, 12m), WallSymbolState.LowBalanceTrip },
        { Snapshot(false), WallSymbolState.Open },
        { Snapshot(true, quality: ValueQuality.CommLost), WallSymbolState.CommLost },
        { Snapshot(true, quality: ValueQuality.Invalid), WallSymbolState.CommLost },
        { Snapshot(true, ageSeconds: 121), WallSymbolState.Stale },
        { null, WallSymbolState.CommLost },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Of_Snapshot_GivesTheSymbolState(MeterSnapshot? snapshot, WallSymbolState expected)
    {
        Assert.Equal(expected, WallSymbols.Of(snapshot, Now));
    }
}
