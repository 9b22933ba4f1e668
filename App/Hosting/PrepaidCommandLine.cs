using System.CommandLine;

namespace Prepaid.App.Hosting;

/// <summary>
/// <c>Prepaid.App [run] [host options]</c> starts the server; <c>migrate</c> applies migrations and exits.
/// Unrecognised tokens (such as <c>--urls</c> or <c>--Database:Provider=SqlServer</c>) go to the host's configuration.
/// </summary>
public static class PrepaidCommandLine
{
    /// <param name="args">The process arguments.</param>
    /// <param name="output">Where commands print; the console when null.</param>
    public static async Task<int> InvokeAsync(string[] args, TextWriter? output = null)
    {
        var root = new RootCommand("Prepaid: real-time prepaid electricity and water management for shopping malls.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        root.SetAction((result, ct) => ServerHost.RunAsync(result.UnmatchedTokens.ToArray(), ct));

        var run = new Command("run", "Start the web server (the default).")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        run.SetAction((result, ct) => ServerHost.RunAsync(result.UnmatchedTokens.ToArray(), ct));
        root.Subcommands.Add(run);

        var migrate = new Command("migrate", "Apply pending database migrations for the configured provider, then exit.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        migrate.SetAction((result, ct) => MigrateCommand.RunAsync(result.UnmatchedTokens.ToArray(), result.InvocationConfiguration.Output, ct));
        root.Subcommands.Add(migrate);

        root.Subcommands.Add(Simulation.SimulateCommand.Create());
        root.Subcommands.Add(Prepaid.App.Readings.Commissioning.ModbusCommand.Create());
        root.Subcommands.Add(Configuration.Import.ImportCommand.Create());

        var configuration = new InvocationConfiguration { Output = output ?? Console.Out };
        return await root.Parse(args).InvokeAsync(configuration);
    }
}
