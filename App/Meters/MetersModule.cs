using Prepaid.App.Kernel.Contracts;
using Prepaid.App.Kernel.Hosting;
using Prepaid.App.Meters.Commands;
using Prepaid.App.Meters.KeepPower;

namespace Prepaid.App.Meters;

/// <summary>The meters list and page with their queries and export, operators' commands and batches, keep power
/// with its expiry loop.</summary>
public sealed class MetersModule : IFeatureModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<KeepPowerOptions>().Bind(configuration.GetSection(KeepPowerOptions.SectionName))
            .Validate(o => o.IsValid, "KeepPower:MaxDuration, ExpiryCheckInterval and ReleaseRetryFirst must be positive, ReleaseRetryMax at least ReleaseRetryFirst.").ValidateOnStart();
        services.AddOptions<MeterBatchOptions>().Bind(configuration.GetSection(MeterBatchOptions.SectionName))
            .Validate(o => o.IsValid, "MeterBatches:BusGap must not be negative and MeterBatches:MaxMeters must be positive.").ValidateOnStart();
        services.AddSingleton<MeterCommandService>();
        services.AddSingleton<KeepPowerService>();
        services.AddSingleton<ICommandAlarmOwner, KeepPowerCommandAlarms>();
        services.AddSingleton<MeterBatchService>();
        services.AddSingleton<MeterTrendQuery>();
        services.AddSingleton<MeterListQuery>();
        services.AddHostedService<KeepPowerExpiryService>();
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapMeterExport();
}
