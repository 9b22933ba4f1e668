using Prepaid.Acquisition.Simulator;

namespace Prepaid.Acquisition.Tests.Simulator;

public class WireTimingTests
{
    [Fact]
    public void Transaction_BlockReadAt9600_About160Milliseconds()
    {
        // Bus timing (simulator README): request 8 bytes, answer 101 bytes, 2 gaps, 20-50 ms turnaround: about 150-170 ms.
        var time = WireTiming.Transaction(9600, 5, 98, TimeSpan.FromMilliseconds(30));
        Assert.InRange(time.TotalMilliseconds, 150, 170);
    }

    [Fact]
    public void Gap_Above19200_Fixed1750Microseconds()
    {
        Assert.Equal(TimeSpan.FromMicroseconds(1750), WireTiming.Gap(38400));
        Assert.Equal(TimeSpan.FromTicks(35 * 11 * TimeSpan.TicksPerSecond / 96000), WireTiming.Gap(9600));
    }

    [Theory]
    [InlineData(9600, 340, 400)]
    [InlineData(19200, 580, 700)]
    public void Transaction_BlockReadsPerMinute_MatchBusCapacity(int baud, int min, int max)
    {
        // Bus timing: about 350-400 block reads a minute at 9600 baud, 90-100 ms each at 19200.
        var perMinute = TimeSpan.FromMinutes(1) / WireTiming.Transaction(baud, 5, 98, TimeSpan.FromMilliseconds(30));
        Assert.InRange(perMinute, min, max);
    }
}
