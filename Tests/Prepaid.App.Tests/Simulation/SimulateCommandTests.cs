using System.CommandLine;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Prepaid.App.Readings.Commissioning;
using Prepaid.App.Simulation;
using Prepaid.App.Tests.Support;

namespace Prepaid.App.Tests.Simulation;

public sealed class SimulateCommandTests
{
    [Fact]
    public async Task Simulate_NegativeTimeScale_ExitsTwoWithMessage()
    {
        var (exit, output) = await RunAsync("--time-scale", "-1");
        Assert.Equal(2, exit);
        Assert.Contains("--time-scale", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulate_EmptyDatabase_ExitsOneNothingToSimulate()
    {
        var folder = Path.Combine(Path.GetTempPath(), "prepaid-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var (exit, output) = await RunAsync($"--Database:DataDirectory={folder}");
            Assert.Equal(1, exit);
            Assert.Contains("nothing to simulate", output, StringComparison.Ordinal);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Fact]
    public async Task Simulate_DemoMall_PrintsPortsThatTheModbusCommandReadsUntilCancelled()
    {
        await using var db = await TestDatabase.CreateAsync(seedDemo: true);
        await using (var context = db.CreateDbContext())
        {
            // Port 0: the simulator binds free ports and prints them, so parallel runs never collide.
            await context.Buses.ExecuteUpdateAsync(b => b.SetProperty(x => x.TcpPort, 0));
        }

        var output = new StringWriter();
        var synchronized = TextWriter.Synchronized(output);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var root = new RootCommand { SimulateCommand.Create() };
        var connection = $"--ConnectionStrings:Sqlite=Data Source={Path.Combine(db.Folder, "test.db")};Pooling=False";
        var run = root.Parse(["simulate", "--time-scale", "60", connection])
            .InvokeAsync(new InvocationConfiguration { Output = synchronized, Error = synchronized }, stop.Token);

        var port = await FirstModbusTcpPortAsync(output, run);
        var modbus = new RootCommand { ModbusCommand.Create() };
        var read = new StringWriter();
        var exit = await modbus.Parse(["modbus", "read", "--port", port, "--unit", "1", "--address", "0x0200"])
            .InvokeAsync(new InvocationConfiguration { Output = read, Error = read });
        await stop.CancelAsync();

        Assert.Equal(0, exit);
        Assert.Matches(@"^\[512\] 0x0200: [57]\s*$", read.ToString());
        Assert.Equal(0, await run);
        Assert.Contains("Simulator stopped.", output.ToString(), StringComparison.Ordinal);
    }

    private static async Task<string> FirstModbusTcpPortAsync(StringWriter output, Task<int> run)
    {
        static Match Port(string text) => text.Contains("Ctrl+C", StringComparison.Ordinal) ? Regex.Match(text, @"\(ModbusTcp\): \S.*? port (\d+)") : Match.Empty;
        var port = await Eventually.ValueAsync(() => Port(output.ToString()), match => match.Success || run.IsCompleted, "the simulator to print a Modbus TCP port");
        return port.Success ? port.Groups[1].Value : throw new InvalidOperationException($"The simulator printed no Modbus TCP port: {output}");
    }

    private static async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        var writer = new StringWriter();
        var root = new RootCommand { SimulateCommand.Create() };
        var exit = await root.Parse(["simulate", .. args]).InvokeAsync(new InvocationConfiguration { Output = writer, Error = writer });
        return (exit, writer.ToString());
    }
}
