using Prepaid.App.Kernel.Hosting;
using Prepaid.App.Kernel.Reporting;
using Prepaid.App.Kernel.Scheduling;

namespace Prepaid.App.Losses;

/// <summary>Loss reconciliation per transformer and site, the nightly threshold check (00:40 site time) and its report.</summary>
public sealed class LossesModule : IFeatureModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LossCheckOptions>().Bind(configuration.GetSection(LossCheckOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        var options = configuration.GetSection(LossCheckOptions.SectionName).Get<LossCheckOptions>() ?? new LossCheckOptions();
        services.AddSingleton<LossReconciliationQuery>();
        services.AddSingleton<LossCheckService>();
        services.AddSingleton<IReportSource, LossReconciliationReportSource>();
        services.AddSiteCronJob<LossCheckJob>("loss-check", options.CronExpression, catchUpOnStart: true);
    }
}
