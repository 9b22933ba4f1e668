using Prepaid.Benchmarks;
using System.Globalization;
using Prepaid.Acquisition.Polling;
using Xunit.Abstractions;

namespace Prepaid.Acquisition.Tests.Polling;

/// <summary>Checks the benchmark runs and reports figures; it asserts nothing about speed.</summary>
public class AcquisitionLoopbackBenchmarkTests(ITestOutputHelper output)
{
    [Fact]
    public async Task RunAsync_ShortRun_ReportsReadsAndLatency()
    {
        // ACQ_BENCH_METERS, ACQ_BENCH_SECONDS, ACQ_BENCH_PERIOD_SECONDS and ACQ_BENCH_WIRE_BAUD give a real figure when wanted.
        var meters = int.TryParse(Environment.GetEnvironmentVariable("ACQ_BENCH_METERS"), out var m) ? m : 60;
        var seconds = Number("ACQ_BENCH_SECONDS") ?? 0.3;
        var period = Number("ACQ_BENCH_PERIOD_SECONDS") ?? 0;
        var wire = Environment.GetEnvironmentVariable("ACQ_BENCH_WIRE_BAUD") is { } baud ? int.Parse(baud, CultureInfo.InvariantCulture) : (int?)null;

        var result = await AcquisitionLoopbackBenchmark.RunAsync(meters, 30, TimeSpan.FromSeconds(period), TimeSpan.FromSeconds(seconds), wire is not null, wire ?? 9600);

        output.WriteLine(result.ToString());
        Assert.Equal(meters, result.Meters);
        Assert.True(result.Reads > 0);
        Assert.Equal(0, result.FailedReads);
        Assert.True(result.LatencyP99 >= result.LatencyP50);
    }

    private static double? Number(string name) =>
        double.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;
}
