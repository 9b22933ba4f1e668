using Prepaid.App.Persistence;
namespace Prepaid.App.Hosting;

/// <summary>Applies migrations explicitly, for SQL Server sites where automatic migration is off.</summary>
internal static class MigrateCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Services.AddPersistence(builder.Configuration);
        using var host = builder.Build();
        var migrator = host.Services.GetRequiredService<DatabaseMigrator>();
        var applied = await migrator.MigrateAsync(cancellationToken);
        await output.WriteLineAsync(applied.Count == 0
            ? "The database is up to date."
            : $"Applied {applied.Count} migrations: {string.Join(", ", applied)}");
        return 0;
    }
}
