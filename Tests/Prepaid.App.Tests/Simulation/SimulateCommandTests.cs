using System.CommandLine;
using Prepaid.App.Simulation;

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

    private static async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        var writer = new StringWriter();
        var root = new RootCommand { SimulateCommand.Create() };
        var exit = await root.Parse(["simulate", .. args]).InvokeAsync(new InvocationConfiguration { Output = writer, Error = writer });
        return (exit, writer.ToString());
    }
}
