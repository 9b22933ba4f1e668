using Prepaid.App.Kernel.Hosting;

namespace Prepaid.App.Replacement;

/// <summary>Meter replacement: the old meter's final reading, the new meter, the balance carried across.</summary>
public sealed class ReplacementModule : IFeatureModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton<MeterReplacementService>();
}
