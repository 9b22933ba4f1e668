using System.Text.Encodings.Web;
using System.Text.Unicode;
using MudBlazor;
using MudBlazor.Services;
using Prepaid.App.Meters;
using Prepaid.App.Overview;
namespace Prepaid.App.Kernel.Ui;

public static class UiExtensions
{
    public static IServiceCollection AddPrepaidUi(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        // Chinese text goes out as characters, not as &#x...; entities that triple the page size.
        services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));
        services.AddMudServices();
        services.AddTransient<MudLocalizer, PrepaidMudLocalizer>();
        services.AddSingleton<SiteOverviewQuery>();
        services.AddSingleton<MeterListQuery>();
        services.AddSingleton<Audit.AuditQuery>();
        return services;
    }
}
