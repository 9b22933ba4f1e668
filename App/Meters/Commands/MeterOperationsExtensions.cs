using Microsoft.Extensions.DependencyInjection.Extensions;
using Prepaid.App.Kernel.Contracts;
using Prepaid.App.Meters.KeepPower;
using Prepaid.App.Meters;
using Prepaid.App.Kernel.Commands;
namespace Prepaid.App.Meters.Commands;

public static class MeterOperationsExtensions
{
    /// <summary>Command progress notifications, keep power with its expiry loop, batches and the meter page's queries.</summary>
    public static IServiceCollection AddMeterOperations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<KeepPowerOptions>().Bind(configuration.GetSection(KeepPowerOptions.SectionName))
            .Validate(o => o.IsValid, "KeepPower:MaxDuration, ExpiryCheckInterval and ReleaseRetryFirst must be positive, ReleaseRetryMax at least ReleaseRetryFirst.").ValidateOnStart();
        services.AddOptions<MeterBatchOptions>().Bind(configuration.GetSection(MeterBatchOptions.SectionName))
            .Validate(o => o.IsValid, "MeterBatches:BusGap must not be negative and MeterBatches:MaxMeters must be positive.").ValidateOnStart();
        services.AddSingleton<MeterCommandNotifier>();
        services.TryAddSingleton<MeterInstantValues>();
        // The alarm engine replaces this with its own sink where it is registered.
        services.TryAddSingleton<IOperatorAlarmSink, LoggingOperatorAlarmSink>();
        services.AddSingleton<KeepPowerService>();
        services.AddSingleton<MeterBatchService>();
        services.AddSingleton<MeterTrendQuery>();
        services.AddHostedService<KeepPowerExpiryService>();
        return services;
    }
}
