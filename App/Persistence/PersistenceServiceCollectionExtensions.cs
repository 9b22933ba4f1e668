using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Prepaid.App.Persistence;

public static class PersistenceServiceCollectionExtensions
{
    /// <summary>Registers <see cref="IDbContextFactory{PrepaidDb}"/> for the configured provider and the migrator.</summary>
    public static IServiceCollection AddPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>()
            .Bind(configuration.GetSection(DatabaseOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DatabaseOptions>>(new DatabaseOptionsValidator(configuration));

        var options = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = ResolveConnectionString(options, configuration);
        if (options.Provider == DatabaseProvider.SqlServer)
        {
            services.AddDbContextFactory<SqlServerDb>(o => o.UseSqlServer(connectionString));
            services.AddSingleton<IDbContextFactory<PrepaidDb>, PrepaidDbFactory<SqlServerDb>>();
        }
        else
        {
            services.AddDbContextFactory<SqliteDb>(o => o.UseSqlite(connectionString));
            services.AddSingleton<IDbContextFactory<PrepaidDb>, PrepaidDbFactory<SqliteDb>>();
        }

        services.AddSingleton<DatabaseMigrator>();
        return services;
    }

    /// <summary>
    /// <c>ConnectionStrings:Sqlite</c> or <c>ConnectionStrings:SqlServer</c>; for SQLite without one, a file
    /// <c>prepaid.db</c> in <see cref="DatabaseOptions.DataDirectory"/>.
    /// </summary>
    public static string ResolveConnectionString(DatabaseOptions options, IConfiguration configuration)
    {
        var configured = configuration.GetConnectionString(options.Provider.ToString());
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        if (options.Provider == DatabaseProvider.SqlServer)
        {
            return string.Empty;
        }

        var file = Path.GetFullPath(Path.Combine(options.DataDirectory, "prepaid.db"));
        return new SqliteConnectionStringBuilder { DataSource = file, Pooling = true }.ToString();
    }

    private sealed class DatabaseOptionsValidator(IConfiguration configuration) : IValidateOptions<DatabaseOptions>
    {
        public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
        {
            if (!Enum.IsDefined(options.Provider))
            {
                return ValidateOptionsResult.Fail("Database:Provider must be Sqlite or SqlServer.");
            }

            return options.Provider == DatabaseProvider.SqlServer
                   && string.IsNullOrWhiteSpace(configuration.GetConnectionString("SqlServer"))
                ? ValidateOptionsResult.Fail("Database:Provider is SqlServer but ConnectionStrings:SqlServer is empty.")
                : ValidateOptionsResult.Success;
        }
    }
}
