using Prepaid.App.Alarms.Pages;
using Prepaid.App.Kernel.Contracts;
using Prepaid.App.Kernel.Hosting;
using Prepaid.App.Kernel.Reporting;
using Prepaid.App.Kernel.Ui.Slots;

namespace Prepaid.App.Alarms;

/// <summary>The alarm engine, its sources and clock, its listeners for other features' alarms, the read side,
/// the alarm KPI report and the export endpoint.</summary>
public sealed class AlarmsModule : IFeatureModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
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
        services.AddSingleton<IOperatorAlarmListener, OperatorAlarmSink>();
        services.AddSingleton<ILossAlarmListener, LossAlarmSink>();
        services.AddSingleton<IReportSource, AlarmKpiReportSource>();
        services.AddSingleton(new SlotContent(Slots.WallBanner, typeof(AlarmBanner)));
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapAlarmExport();
}
