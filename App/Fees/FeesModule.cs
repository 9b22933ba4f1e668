using Prepaid.App.Kernel.Hosting;
using Prepaid.App.Kernel.Scheduling;

namespace Prepaid.App.Fees;

/// <summary>The monthly property fee (the 1st at 00:10 site time, with a catch-up at start) and its settings page.</summary>
public sealed class FeesModule : IFeatureModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PropertyFeeOptions>().Bind(configuration.GetSection(PropertyFeeOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        var options = configuration.GetSection(PropertyFeeOptions.SectionName).Get<PropertyFeeOptions>() ?? new PropertyFeeOptions();
        services.AddSingleton<PropertyFeeService>();
        services.AddSingleton<PropertyFeeSettings>();
        services.AddSingleton<FeeConfigurationQuery>();
        services.AddSiteCronJob<PropertyFeeJob>("property-fee", options.CronExpression, catchUpOnStart: true);
    }
}
