using System.Globalization;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using Prepaid.App.Meters;
using Prepaid.App.Overview;
using Prepaid.App.Persistence;
using Prepaid.App.Tests.Support;
using Prepaid.App.Ui;

namespace Prepaid.App.Tests.Components;

/// <summary>A bUnit context with MudBlazor, the app's localizer in a chosen culture and a test database.</summary>
internal static class ComponentTestContext
{
    public static BunitContext Create(string culture, TestDatabase? database = null)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        ctx.Services.AddLocalization();
        ctx.Services.AddTransient<MudLocalizer, PrepaidMudLocalizer>();
        if (database is not null)
        {
            ctx.Services.AddSingleton<IDbContextFactory<PrepaidDb>>(database);
            ctx.Services.AddSingleton<MeterListQuery>();
            ctx.Services.AddSingleton<SiteOverviewQuery>();
        }

        // Touches the service provider, so it comes after every registration.
        ctx.SetRendererInfo(new RendererInfo("Server", true));
        return ctx;
    }
}
