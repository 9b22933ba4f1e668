using System.CommandLine;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Prepaid.Acquisition.Simulator;
using Prepaid.App.Persistence;
namespace Prepaid.App.Simulation;

/// <summary>
/// <c>simulate</c>: runs the mall simulator standalone until Ctrl+C, from the database's topology or from a
/// topology file (<c>--topology FILE</c>); <c>--write-topology FILE</c> saves the database's topology as such a file.
/// </summary>
public static class SimulateCommand
{
    /// <summary>Creates the command; unmatched tokens (e.g. <c>--Database:DataDirectory=...</c>) go to the configuration.</summary>
    public static Command Create()
    {
        var wire = new Option<bool>("--wire-emulation") { Description = "Hold each bus for the wire time of every transaction at its baud rate." };
        var scale = new Option<double>("--time-scale") { Description = "Simulated seconds per real second.", DefaultValueFactory = _ => 1.0 };
        var seed = new Option<int>("--seed") { Description = "Seed of the load noise.", DefaultValueFactory = _ => 1 };
        var file = new Option<FileInfo?>("--topology") { Description = "Simulate the gateways, buses and meters of this JSON file instead of the database's." };
        var write = new Option<FileInfo?>("--write-topology") { Description = "Write the database's topology to this JSON file and exit." };
        var command = new Command("simulate", "Run the mall simulator on the database's (or a file's) gateways and buses, loopback ports, until Ctrl+C.")
        {
            wire, scale, seed, file, write,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((result, ct) => RunAsync(
            new SimulationOptions { Enabled = true, WireEmulation = result.GetValue(wire), TimeScale = result.GetValue(scale), Seed = result.GetValue(seed) },
            result.GetValue(file), result.GetValue(write), result.UnmatchedTokens.ToArray(), result.InvocationConfiguration.Output, ct));
        return command;
    }

    private static async Task<int> RunAsync(
        SimulationOptions options, FileInfo? file, FileInfo? write, string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        if (options.Validate() is { } problem)
        {
            await output.WriteLineAsync(problem.Replace("Simulator:TimeScale", "--time-scale", StringComparison.Ordinal));
            return 2;
        }

        SimulationTopology topology;
        if (file is not null)
        {
            try
            {
                topology = await SimulationTopologyFile.ReadAsync(file.FullName, cancellationToken);
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                await output.WriteLineAsync(ex.Message);
                return 2;
            }
        }
        else
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Services.AddPersistence(builder.Configuration);
            using var host = builder.Build();
            await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
            var dbFactory = host.Services.GetRequiredService<IDbContextFactory<PrepaidDb>>();
            topology = await new SimulationTopologyLoader(dbFactory).LoadAsync(TimeProvider.System.GetUtcNow(), cancellationToken);
            if (write is not null)
            {
                await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
                var zone = await db.Sites.OrderBy(s => s.Id).Select(s => s.TimeZoneId).FirstOrDefaultAsync(cancellationToken) ?? "Asia/Shanghai";
                await SimulationTopologyFile.From(topology, zone).WriteAsync(write.FullName, cancellationToken);
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Wrote {topology.Meters().Count()} meters to {write.FullName}."));
                return 0;
            }
        }

        var meters = topology.Meters().Count();
        if (meters == 0)
        {
            await output.WriteLineAsync("The database has no enabled gateway with meters: nothing to simulate (seed the demo or import the topology first).");
            return 1;
        }

        // Standard output is the command's own report: the simulator's warnings (a faulty unit) go to standard error.
        using var loggerFactory = LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Warning)
            .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace));
        await using var simulator = SimulatorFactory.Start(topology, options, TimeProvider.System, loggerFactory);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Simulating {meters} meters on {simulator.Buses.Count} buses (time x{options.TimeScale}, wire emulation {(options.WireEmulation ? "on" : "off")}):"));
        foreach (var line in SimulatorFactory.Describe(simulator))
        {
            await output.WriteLineAsync("  " + line);
        }

        await output.WriteLineAsync("Press Ctrl+C to stop.");
        await output.FlushAsync(cancellationToken);
        await simulator.RunAsync(TimeSpan.FromSeconds(options.LoadUpdateSeconds), cancellationToken);
        await output.WriteLineAsync("Simulator stopped.");
        return 0;
    }
}
