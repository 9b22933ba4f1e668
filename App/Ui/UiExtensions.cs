using MudBlazor;
using MudBlazor.Services;
using Prepaid.App.Meters;
using Prepaid.App.Overview;

namespace Prepaid.App.Ui;

public static class UiExtensions
{
    public static IServiceCollection AddPrepaidUi(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddTransient<MudLocalizer, PrepaidMudLocalizer>();
        services.AddSingleton<SiteOverviewQuery>();
        services.AddSingleton<MeterListQuery>();
        return services;
    }
}
