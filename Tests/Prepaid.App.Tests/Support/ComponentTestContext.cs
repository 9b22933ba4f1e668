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
using Prepaid.App.Kernel.Security;
using Prepaid.App.Kernel.Ui;
using Prepaid.Domain.Security;

namespace Prepaid.App.Tests.Support;

/// <summary>A bUnit context with MudBlazor, the app's localizer in a chosen culture and a test database.</summary>
internal static class ComponentTestContext
{
    /// <param name="culture">UI culture of the render.</param>
    /// <param name="database">Backs the page queries when given.</param>
    /// <param name="roles">Roles of the signed-in user; the user's permission policies follow the role table.</param>
    public static BunitContext Create(string culture, TestDatabase? database = null, params string[] roles)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        ctx.Services.AddLocalization();
        ctx.Services.AddTransient<MudLocalizer, PrepaidMudLocalizer>();
        ctx.Services.AddSingleton<Prepaid.App.Kernel.Hosting.StartGate>();
        if (database is not null)
        {
            ctx.Services.AddSingleton<IDbContextFactory<PrepaidDb>>(database);
            ctx.Services.AddSingleton<MeterListQuery>();
            ctx.Services.AddSingleton<SiteOverviewQuery>();
            ctx.Services.AddSingleton<Prepaid.App.Billing.MeterBilling.DiscrepancyQuery>();
            ctx.Services.AddSingleton(TimeProvider.System);
            ctx.Services.AddSingleton<Microsoft.Extensions.Logging.ILogger<Prepaid.App.Kernel.Live.LiveStateNotifier>>(Microsoft.Extensions.Logging.Abstractions.NullLogger<Prepaid.App.Kernel.Live.LiveStateNotifier>.Instance);
            ctx.Services.AddSingleton<Prepaid.App.Kernel.Live.LiveStateNotifier>();
            ctx.Services.AddSingleton<Prepaid.App.Kernel.Live.LiveStateCache>();
            Meters.MeterOperationsTestServices.Add(ctx.Services);
        }

        var auth = ctx.AddAuthorization();
        auth.SetAuthorized("test-user");
        var granted = roles.Length == 0 ? [Roles.Manager] : roles;
        auth.SetRoles(granted);
        auth.SetPolicies([.. Enum.GetValues<Permission>().Where(p => RolePermissions.Allows(granted, p)).Select(PermissionPolicies.For)]);

        // Touches the service provider, so it comes after every registration.
        ctx.SetRendererInfo(new RendererInfo("Server", true));
        return ctx;
    }
}
