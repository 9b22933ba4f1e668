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

    public static TheoryData<MeterSnapshot?, WallSymbolState> ElectricityCases() => new()
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

    public static TheoryData<MeterSnapshot?, WallSymbolState> WaterCases() => new()
    {
        { Snapshot(true, MeterStatusFlags.PrepaidEnabled), WallSymbolState.Normal },
        { Snapshot(false, MeterStatusFlags.PrepaidEnabled | MeterStatusFlags.Arrears, 0m), WallSymbolState.ArrearsTrip },
        { Snapshot(false, MeterStatusFlags.PrepaidEnabled, 40m), WallSymbolState.Open },
        { Snapshot(false, MeterStatusFlags.PrepaidEnabled, 40m, ValueQuality.CommLost), WallSymbolState.CommLost },
        { Snapshot(false, MeterStatusFlags.PrepaidEnabled, 40m, ageSeconds: 121), WallSymbolState.Stale },
        { null, WallSymbolState.CommLost },
    };

    [Theory]
    [MemberData(nameof(ElectricityCases))]
    public void Of_ElectricitySnapshot_GivesTheSymbolState(MeterSnapshot? snapshot, WallSymbolState expected)
    {
        Assert.Equal(expected, WallSymbols.Of(snapshot, MeterKind.Electricity, Now));
    }

    [Theory]
    [MemberData(nameof(WaterCases))]
    public void Of_WaterSnapshot_GivesTheSymbolState(MeterSnapshot? snapshot, WallSymbolState expected)
    {
        Assert.Equal(expected, WallSymbols.Of(snapshot, MeterKind.Water, Now));
    }

    [Fact]
    public void Of_NoRelay_IsNormal()
    {
        Assert.Equal(WallSymbolState.Normal, WallSymbols.Of(Snapshot(null), MeterKind.Electricity, Now));
    }
}
