using Microsoft.Extensions.DependencyInjection.Extensions;
using Prepaid.App.KeepPower;
using Prepaid.App.Meters;

namespace Prepaid.App.Commands;

public static class MeterOperationsExtensions
{
    /// <summary>Command progress notifications, keep power with its expiry loop, batches and the meter page's queries.</summary>
    public static IServiceCollection AddMeterOperations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<KeepPowerOptions>().Bind(configuration.GetSection(KeepPowerOptions.SectionName))
            .Validate(o => o.IsValid, "KeepPower:MaxDuration and KeepPower:ExpiryCheckInterval must be positive.").ValidateOnStart();
        services.AddOptions<MeterBatchOptions>().Bind(configuration.GetSection(MeterBatchOptions.SectionName))
            .Validate(o => o.IsValid, "MeterBatches:BusGap must not be negative and MeterBatches:MaxMeters must be positive.").ValidateOnStart();
        services.AddSingleton<MeterCommandNotifier>();
        services.TryAddSingleton<MeterInstantValues>();
        services.AddSingleton<KeepPowerService>();
        services.AddSingleton<MeterBatchService>();
        services.AddSingleton<MeterTrendQuery>();
        services.AddHostedService<KeepPowerExpiryService>();
        return services;
    }
}
