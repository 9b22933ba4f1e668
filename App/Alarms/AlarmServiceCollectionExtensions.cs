using Microsoft.Extensions.DependencyInjection.Extensions;
using Prepaid.App.Kernel.Contracts;
namespace Prepaid.App.Alarms;

public static class AlarmServiceCollectionExtensions
{
    /// <summary>The alarm engine, its sources and clock, the read side and the export endpoint's services.</summary>
    public static IServiceCollection AddAlarms(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AlarmOptions>()
            .Bind(configuration.GetSection(AlarmOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.IsValid, "Alarms: PollInterval and MaxShelve must be positive, chatter settings not negative.")
            .ValidateOnStart();
        services.AddSingleton<AlarmNotifier>();
        services.AddSingleton<AlarmQuery>();
        services.AddSingleton<AlarmService>();
        services.AddSingleton<AlarmSourcesHostedService>();
        services.AddHostedService(sp => sp.GetRequiredService<AlarmSourcesHostedService>());
        return services;
    }

    /// <summary>Billing's alarm hooks through the alarm engine; called after billing registered its logging defaults.</summary>
    public static IServiceCollection AddBillingAlarms(this IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton<IOperatorAlarmSink, OperatorAlarmSink>());
        services.Replace(ServiceDescriptor.Singleton<ILossAlarmSink, LossAlarmSink>());
        return services;
    }

    public static IEndpointRouteBuilder MapAlarms(this IEndpointRouteBuilder endpoints) => endpoints.MapAlarmExport();
}
