using Microsoft.Extensions.DependencyInjection.Extensions;
using Prepaid.App.Kernel.Contracts;
using Prepaid.App.Losses;
using Prepaid.App.Replacement;
using Prepaid.App.Sharing;
using Prepaid.App.Kernel.Scheduling;

namespace Prepaid.App.Fees;

public static class MonthlyChargesServiceCollectionExtensions
{
    /// <summary>Property fee (the 1st at 00:10), public-area sharing (the 1st at 00:20), the nightly loss check
    /// (00:40), each with a catch-up at start; loss reconciliation queries; meter replacement.</summary>
    public static IServiceCollection AddFeesSharingAndReplacement(this IServiceCollection services, IConfiguration configuration)
    {
        var fee = Bind<PropertyFeeOptions>(services, configuration, PropertyFeeOptions.SectionName);
        var sharing = Bind<SharingOptions>(services, configuration, SharingOptions.SectionName);
        var loss = Bind<LossCheckOptions>(services, configuration, LossCheckOptions.SectionName);

        services.AddSingleton<PropertyFeeService>();
        services.AddSingleton<PropertyFeeSettings>();
        services.AddSiteCronJob<PropertyFeeJob>("property-fee", fee.CronExpression, catchUpOnStart: true);

        services.AddSingleton<PublicAreaPoolPricer>();
        services.AddSingleton<SharingRunService>();
        services.AddSingleton<SharingRuleService>();
        services.AddSingleton<SharingStatementQuery>();
        services.AddSiteCronJob<SharingJob>("public-area-sharing", sharing.CronExpression, catchUpOnStart: true);

        services.AddSingleton<LossReconciliationQuery>();
        // The alarm engine registers its own sink (registered later, it wins); this one logs until then.
        services.TryAddSingleton<ILossAlarmSink, LoggingLossAlarmSink>();
        services.AddSingleton<LossCheckService>();
        services.AddSiteCronJob<LossCheckJob>("loss-check", loss.CronExpression, catchUpOnStart: true);

        services.AddSingleton<MeterReplacementService>();
        return services;
    }

    private static T Bind<T>(IServiceCollection services, IConfiguration configuration, string section)
        where T : class, new()
    {
        services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateDataAnnotations().ValidateOnStart();
        return configuration.GetSection(section).Get<T>() ?? new T();
    }
}
