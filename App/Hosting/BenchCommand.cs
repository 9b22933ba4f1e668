using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Prepaid.App.Demo;
using Prepaid.App.Meters;
using Prepaid.App.Persistence;

namespace Prepaid.App.Hosting;

/// <summary><c>bench meters-list --meters N</c>: measurements anyone can rerun, on a throw-away database.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var bench = new Command("bench", "Run a benchmark on a temporary database and print its figures.");
        var meters = new Option<int>("--meters") { Description = "Number of meters to grow the demo mall to.", DefaultValueFactory = _ => 10_000 };
        var runs = new Option<int>("--runs") { Description = "Timed runs per query.", DefaultValueFactory = _ => 20 };
        var list = new Command("meters-list", "Time the meters list's paging, sorting, filtering and search queries.") { meters, runs };
        list.TreatUnmatchedTokensAsErrors = false;
        list.SetAction((result, ct) => RunMetersListAsync(
            result.GetValue(meters), result.GetValue(runs), result.UnmatchedTokens.ToArray(), result.InvocationConfiguration.Output, ct));
        bench.Subcommands.Add(list);
        return bench;
    }

    private static async Task<int> RunMetersListAsync(int meters, int runs, string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        if (meters < 1 || runs < 1)
        {
            await output.WriteLineAsync("--meters and --runs must be at least 1.");
            return 2;
        }

        var folder = Path.Combine(Path.GetTempPath(), "prepaid-bench", Guid.NewGuid().ToString("N"));
        try
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
            builder.Configuration["Database:Provider"] = "Sqlite";
            builder.Configuration["Database:DataDirectory"] = folder;
            builder.Configuration["ConnectionStrings:Sqlite"] = "";
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Services.AddSingleton(TimeProvider.System);
            builder.Services.AddPersistence(builder.Configuration);
            builder.Services.AddDemo(builder.Configuration);
            builder.Services.Configure<DemoOptions>(o => o.Enabled = true);
            using var host = builder.Build();
            await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
            await host.Services.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync(cancellationToken);
            var factory = host.Services.GetRequiredService<IDbContextFactory<PrepaidDb>>();
            await new MeterListBenchmark(factory, output).RunAsync(meters, runs, cancellationToken);
            return 0;
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
}
