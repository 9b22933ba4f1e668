using Prepaid.Acquisition.Drivers;
using Prepaid.Domain.Model;

namespace Prepaid.Acquisition.Tests.Drivers;

public class MeterStatusTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 2, 0, 0, TimeSpan.Zero);

    private static MeterStatus Status(bool? supply, MeterStatusFlags flags = MeterStatusFlags.None, decimal? remaining = 100m,
        ValueQuality quality = ValueQuality.Good, int ageSeconds = 10) =>
        new(quality, Now.AddSeconds(-ageSeconds), supply, flags, remaining);

    public static TheoryData<MeterStatus, MeterKind, SupplyState> SupplyCases() => new()
    {
        { Status(true), MeterKind.Electricity, SupplyState.On },
        { Status(true, MeterStatusFlags.ForcedControl | MeterStatusFlags.Arrears, -3m), MeterKind.Electricity, SupplyState.KeepPower },
        { Status(false, MeterStatusFlags.ForcedControl), MeterKind.Electricity, SupplyState.Tripped },
        { Status(false, MeterStatusFlags.OverPower | MeterStatusFlags.Arrears, -1m), MeterKind.Electricity, SupplyState.OverPowerTrip },
        { Status(false, MeterStatusFlags.Arrears, -5m), MeterKind.Electricity, SupplyState.ArrearsTrip },
        { Status(false, remaining: 0m), MeterKind.Electricity, SupplyState.ArrearsTrip },
        { Status(false, MeterStatusFlags.Alarm1 | MeterStatusFlags.Alarm2, 12m), MeterKind.Electricity, SupplyState.LowBalanceTrip },
        { Status(false), MeterKind.Electricity, SupplyState.Tripped },
        { Status(false), MeterKind.Water, SupplyState.ValveClosed },
        { Status(false, MeterStatusFlags.Arrears, 0m), MeterKind.Water, SupplyState.ArrearsTrip },
        { Status(null, remaining: null), MeterKind.Electricity, SupplyState.Unknown },
        { Status(true, quality: ValueQuality.CommLost), MeterKind.Electricity, SupplyState.CommLost },
        { Status(true, quality: ValueQuality.Invalid), MeterKind.Electricity, SupplyState.CommLost },
        { Status(false, MeterStatusFlags.OverPower, ageSeconds: 121), MeterKind.Electricity, SupplyState.Stale },
        { MeterStatus.NeverRead, MeterKind.Water, SupplyState.CommLost },
    };

    [Theory]
    [MemberData(nameof(SupplyCases))]
    public void SupplyAt_LastKnownState_GivesTheSupplyState(MeterStatus status, MeterKind kind, SupplyState expected)
    {
        Assert.Equal(expected, status.SupplyAt(kind, Now));
    }

    [Theory]
    [InlineData(ValueQuality.Good, 120, ValueQuality.Good)]
    [InlineData(ValueQuality.Good, 121, ValueQuality.Stale)]
    [InlineData(ValueQuality.CommLost, 600, ValueQuality.CommLost)]
    [InlineData(ValueQuality.Invalid, 10, ValueQuality.Invalid)]
    public void QualityAt_AgeOfLastGoodReading_GoodTurnsStaleAfterTwoMinutes(ValueQuality quality, int ageSeconds, ValueQuality expected)
    {
        Assert.Equal(expected, Status(true, quality: quality, ageSeconds: ageSeconds).QualityAt(Now));
    }

    [Fact]
    public void QualityAt_OwnThreshold_UsesIt()
    {
        Assert.Equal(ValueQuality.Stale, Status(true, ageSeconds: 31).QualityAt(Now, TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void DefaultStaleAfter_PollingDefault_IsTheSame()
    {
        Assert.Equal(MeterStatus.DefaultStaleAfter, new Prepaid.Acquisition.Polling.AcquisitionOptions().StaleAfter);
    }

    [Fact]
    public void Of_DecodedStatusWordOfTrippedPrepaidMeter_IsArrearsTrip()
    {
        // The driver's decoding of the status word (arrears, relay of loop 1 open) is all the classification needs.
        var status = StatusWord.EncodeStatus(MeterStatusFlags.PrepaidEnabled | MeterStatusFlags.Arrears, [false]);
        var reading = new MeterReading
        {
            Profile = MeterProfile.PrepaidSinglePhase,
            Quality = ValueQuality.Good,
            SourceTime = Now,
            Status = StatusWord.DecodeFlags(status, 0),
            RelayClosed = StatusWord.DecodeRelays(status, 1),
            RemainingYuan = -2m,
        };

        var meter = MeterStatus.Of(reading);

        Assert.False(meter.SupplyOn);
        Assert.Equal(Now, meter.LastGoodAt);
        Assert.Equal(SupplyState.ArrearsTrip, meter.SupplyAt(MeterKind.Electricity, Now));
    }

    [Theory]
    [InlineData(ValveState.Open, true)]
    [InlineData(ValveState.Closed, false)]
    [InlineData(ValveState.Fault, false)]
    public void SupplyOn_WaterReading_FollowsTheValve(ValveState valve, bool expected)
    {
        var reading = new MeterReading
        {
            Profile = MeterProfile.PrepaidWater, Quality = ValueQuality.Good, SourceTime = Now, Water = new WaterValues(1m, 0m, valve),
        };

        Assert.Equal(expected, reading.SupplyOn);
    }

    [Fact]
    public void SupplyOn_ElectricityWithoutRelay_IsNull()
    {
        var reading = new MeterReading { Profile = MeterProfile.PublicArea, Quality = ValueQuality.Good, SourceTime = Now };

        Assert.Null(reading.SupplyOn);
        Assert.Equal(SupplyState.Unknown, MeterStatus.Of(reading).SupplyAt(MeterKind.Electricity, Now));
    }
}
