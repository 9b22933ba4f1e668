using Prepaid.App.Kernel;
using Prepaid.App.Configuration;
using Prepaid.App.Hosting;
using Prepaid.App;
using Microsoft.EntityFrameworkCore;
using Prepaid.App.Demo;
using Prepaid.App.Persistence;
namespace Prepaid.Benchmarks;

/// <summary>A throw-away SQLite database with the demo mall, for the benchmarks; deleted on dispose.</summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string? _folder;

    private BenchDatabase(string? folder, IHost host)
    {
        _folder = folder;
        Host = host;
    }

    public IHost Host { get; }

    public IDbContextFactory<PrepaidDb> Factory => Host.Services.GetRequiredService<IDbContextFactory<PrepaidDb>>();

    /// <param name="args">Unmatched command-line tokens, passed to the configuration.</param>
    /// <param name="services">Further services the benchmark needs from the same container.</param>
    /// <param name="cancellationToken">Stops the migration and seeding.</param>
    public static async Task<BenchDatabase> CreateAsync(string[] args, Action<IServiceCollection>? services, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), "prepaid-bench", Guid.NewGuid().ToString("N"));
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration["Database:Provider"] = "Sqlite";
        builder.Configuration["Database:DataDirectory"] = folder;
        builder.Configuration["ConnectionStrings:Sqlite"] = "";
        // Below Linux's ephemeral range (32768 and up), where outgoing connections would take the ports.
        builder.Configuration["Demo:FirstPort"] = "31000";
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddPersistence(builder.Configuration);
        builder.Services.AddKernel(builder.Configuration);
        new DemoModule().AddServices(builder.Services, builder.Configuration);
        builder.Services.Configure<DemoOptions>(o => o.Enabled = true);
        services?.Invoke(builder.Services);
        var host = builder.Build();
        var database = new BenchDatabase(folder, host);
        await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        await host.Services.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync(cancellationToken);
        return database;
    }

    /// <summary>
    /// A benchmark database another benchmark process created (and deletes): opened as it is, without migrating or
    /// seeding, so that a measurement can run in a fresh process.
    /// </summary>
    public static BenchDatabase OpenExisting(string file)
    {
        if (!File.Exists(file))
        {
            throw new FileNotFoundException("The benchmark database does not exist.", file);
        }

        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration["Database:Provider"] = "Sqlite";
        builder.Configuration["ConnectionStrings:Sqlite"] = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = file }.ToString();
        builder.Configuration["Database:AutoMigrate"] = "false";
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddPersistence(builder.Configuration);
        return new BenchDatabase(null, builder.Build());
    }

    public ValueTask DisposeAsync()
    {
        Host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_folder is not null && Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}
