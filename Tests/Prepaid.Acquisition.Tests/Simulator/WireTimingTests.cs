using Prepaid.Acquisition.Simulator;

namespace Prepaid.Acquisition.Tests.Simulator;

public class WireTimingTests
{
    [Fact]
    public void Transaction_BlockReadAt9600_About160Milliseconds()
    {
        // DOMAIN.md 4: request 8 bytes, answer 101 bytes, 2 gaps, 20-50 ms turnaround: about 150-170 ms.
        var time = WireTiming.Transaction(9600, 5, 98, TimeSpan.FromMilliseconds(30));
        Assert.InRange(time.TotalMilliseconds, 150, 170);
    }

    [Fact]
    public void Gap_Above19200_Fixed1750Microseconds()
    {
        Assert.Equal(TimeSpan.FromMicroseconds(1750), WireTiming.Gap(38400));
        Assert.Equal(TimeSpan.FromTicks(35 * 11 * TimeSpan.TicksPerSecond / 96000), WireTiming.Gap(9600));
    }
}
