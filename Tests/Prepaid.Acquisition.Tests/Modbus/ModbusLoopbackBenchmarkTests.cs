using Prepaid.Benchmarks;
using System.Globalization;
using Prepaid.Acquisition.Modbus;
using Xunit.Abstractions;

namespace Prepaid.Acquisition.Tests.Modbus;

/// <summary>Checks the benchmark runs and reports figures; it asserts nothing about speed.</summary>
public class ModbusLoopbackBenchmarkTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(ModbusFraming.Tcp, 1)]
    [InlineData(ModbusFraming.Rtu, 1)]
    [InlineData(ModbusFraming.Tcp, 4)]
    public async Task RunAsync_ShortRun_ReportsRequests(ModbusFraming framing, int connections)
    {
        // MODBUS_BENCH_SECONDS lengthens the run when a real figure is wanted.
        var seconds = double.TryParse(Environment.GetEnvironmentVariable("MODBUS_BENCH_SECONDS"), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) ? s : 0.2;
        var result = await ModbusLoopbackBenchmark.RunAsync(framing, connections, TimeSpan.FromSeconds(seconds));
        output.WriteLine(result.ToString());
        Assert.True(result.Requests > 0);
        Assert.True(result.RequestsPerSecond > 0);
    }
}
