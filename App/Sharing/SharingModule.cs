using Prepaid.App.Kernel.Hosting;
using Prepaid.App.Kernel.Reporting;
using Prepaid.App.Kernel.Scheduling;

namespace Prepaid.App.Sharing;

/// <summary>Public-area sharing (the 1st at 00:20 site time, with a catch-up at start), its rules page and its statement report.</summary>
public sealed class SharingModule : IFeatureModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SharingOptions>().Bind(configuration.GetSection(SharingOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        var options = configuration.GetSection(SharingOptions.SectionName).Get<SharingOptions>() ?? new SharingOptions();
        services.AddSingleton<PublicAreaPoolPricer>();
        services.AddSingleton<SharingRunService>();
        services.AddSingleton<SharingRuleService>();
        services.AddSingleton<SharingStatementQuery>();
        services.AddSingleton<SharingConfigurationQuery>();
        services.AddSingleton<IReportSource, SharingStatementReportSource>();
        services.AddSiteCronJob<SharingJob>("public-area-sharing", options.CronExpression, catchUpOnStart: true);
    }
}
