using Microsoft.Extensions.DependencyInjection.Extensions;

using Prepaid.App.Kernel.Contracts;
namespace Prepaid.App.Configuration;

public static class ConfigurationServiceCollectionExtensions
{
    /// <summary>The configuration service, its queries, the spreadsheet import and export.</summary>
    public static IServiceCollection AddPrepaidConfiguration(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton<ConfigurationChangeSignal>();
        services.AddSingleton<ConfigurationService>();
        services.AddSingleton<ConfigurationQuery>();
        services.AddSingleton<Tariffs.TariffConfigurationService>();
        services.AddSingleton<Fees.FeeConfigurationQuery>();
        services.AddSingleton<Defaults.SiteDefaultsService>();
        services.AddOptions<Import.ImportOptions>().Bind(configuration.GetSection(Import.ImportOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Import.ConfigurationImporter>();
        services.AddSingleton<Import.ConfigurationExporter>();
        return services;
    }
}
