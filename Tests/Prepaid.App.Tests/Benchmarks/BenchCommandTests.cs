using Prepaid.Benchmarks;

namespace Prepaid.App.Tests.Benchmarks;

/// <summary>The benchmarks' command line runs each benchmark small and refuses bad arguments with the limits.</summary>
public sealed class BenchCommandTests
{
    [Fact]
    public async Task BenchMetersList_SmallFleet_PrintsEveryQueryWithTheGrownTotal()
    {
        var output = new StringWriter();

        var exit = await BenchCommand.InvokeAsync(["meters-list", "--meters", "500", "--runs", "1"], output);

        Assert.Equal(0, exit);
        var text = output.ToString();
        Assert.Contains("500 meters (118 added to the demo mall)", text);
        Assert.Contains("search shop name", text);
        // One result row per query: name, matching rows, p50 ms, max ms.
        Assert.Equal(10, text.Split('\n').Count(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"\s\d+\s+\d+\.\d\s+\d+\.\d\s*$")));
    }

    [Fact]
    public async Task BenchMetersList_ZeroMeters_IsRefusedWithAReason()
    {
        var output = new StringWriter();

        var exit = await BenchCommand.InvokeAsync(["meters-list", "--meters", "0"], output);

        Assert.Equal(2, exit);
        Assert.Contains("--meters and --runs must be at least 1", output.ToString());
    }

    [Fact]
    public async Task BenchBus_SmallFastBus_PrintsTheoreticalAndAchievedCycles()
    {
        var output = new StringWriter();

        var exit = await BenchCommand.InvokeAsync(["bus", "--meters", "3", "--baud", "38400", "--cycles", "2"], output);

        Assert.Equal(0, exit);
        var text = output.ToString();
        Assert.Contains("Theoretical wire time", text);
        Assert.Equal(2, text.Split('\n').Count(l => l.StartsWith("cycle ", StringComparison.Ordinal)));
        Assert.Contains("of wire time; worst", text);
    }

    [Theory]
    [InlineData("--meters", "0")]
    [InlineData("--meters", "248")]
    [InlineData("--baud", "300")]
    [InlineData("--cycles", "0")]
    public async Task BenchBus_OutOfRangeArgument_IsRefusedWithTheLimits(string option, string value)
    {
        var output = new StringWriter();

        var exit = await BenchCommand.InvokeAsync(["bus", option, value], output);

        Assert.Equal(2, exit);
        Assert.Contains("--meters must be 1 to 247", output.ToString());
    }

    [Fact]
    public async Task BenchAcquisition_SmallMall_ReportsThroughputLatencyCpuAndMemory()
    {
        var output = new StringWriter();

        // Three seconds, not one: on a loaded 2-core machine the first poll round alone can take a second, and the
        // assertion is that readings flow at all, not how many.
        var exit = await BenchCommand.InvokeAsync(["acquisition", "--meters", "400", "--seconds", "3"], output);

        Assert.Equal(0, exit);
        var text = output.ToString();
        Assert.Contains("Pipeline: 400 meters on 14 buses", text);
        Assert.Matches(@"[1-9]\d* readings polled, processed, persisted and notified", text);
        Assert.Contains("latency read to notifier p50", text);
        Assert.Contains("peak memory", text);
    }
}
