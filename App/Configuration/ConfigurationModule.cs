using Prepaid.App.Configuration.Defaults;
using Prepaid.App.Configuration.Import;
using Prepaid.App.Configuration.Tariffs;
using Prepaid.App.Kernel.Hosting;

namespace Prepaid.App.Configuration;

/// <summary>Site, shafts, gateways, buses, meters, tenants, tariffs and site defaults; the spreadsheet import and export.</summary>
public sealed class ConfigurationModule : IFeatureModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ConfigurationService>();
        services.AddSingleton<ConfigurationQuery>();
        services.AddSingleton<TariffConfigurationService>();
        services.AddSingleton<SiteDefaultsService>();
        services.AddOptions<ImportOptions>().Bind(configuration.GetSection(ImportOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ConfigurationImporter>();
        services.AddSingleton<ConfigurationExporter>();
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapConfigurationEndpoints();
}
