using Prepaid.Acquisition.Drivers;

namespace Prepaid.Acquisition.Tests.Drivers;

public class StatusWordTests
{
    [Fact]
    public void DecodeRelays_HighByteBits5To7_AreLoops1To3()
    {
        Assert.Equal([true, false, true], StatusWord.DecodeRelays(0b1010_0000_0000_0000, 3));
    }

    [Fact]
    public void DecodeFlags_LowByteBits_MapToPrepaidFlags()
    {
        var flags = StatusWord.DecodeFlags(0x01F8, 0x0008);
        Assert.Equal(MeterStatusFlags.Fault | MeterStatusFlags.PrepaidEnabled | MeterStatusFlags.OverPower | MeterStatusFlags.Arrears
            | MeterStatusFlags.Alarm1 | MeterStatusFlags.Alarm2 | MeterStatusFlags.ForcedControl, flags);
    }

    [Fact]
    public void EncodeStatus_ClosedPrepaidLoop_SetsRelayAndFeeControlBits()
    {
        Assert.Equal(0x2009, StatusWord.EncodeStatus(MeterStatusFlags.PrepaidEnabled, [true]));
    }

    [Fact]
    public void EncodeControl_ForcedOnThreeLoops_SetsEnableAndLoopBits()
    {
        Assert.Equal(0x000F, StatusWord.EncodeControl(MeterStatusFlags.ForcedControl, 3));
    }

    [Fact]
    public void EncodeThenDecode_AllFlags_RoundTrip()
    {
        var flags = MeterStatusFlags.Fault | MeterStatusFlags.PrepaidEnabled | MeterStatusFlags.Alarm2 | MeterStatusFlags.ForcedControl
            | MeterStatusFlags.PowerControl | MeterStatusFlags.TimeControl;
        var status = StatusWord.EncodeStatus(flags, [false, true, false]);
        Assert.Equal(flags, StatusWord.DecodeFlags(status, StatusWord.EncodeControl(flags, 3)));
        Assert.Equal([false, true, false], StatusWord.DecodeRelays(status, 3));
    }
}
