using Prepaid.App.Kernel.Hosting;

namespace Prepaid.App.Overview;

/// <summary>The site overview page.</summary>
public sealed class OverviewModule : IFeatureModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration) => services.AddSingleton<SiteOverviewQuery>();
}
