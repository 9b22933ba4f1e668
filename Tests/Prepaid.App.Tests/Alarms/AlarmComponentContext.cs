using System.Globalization;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;
using Prepaid.App.Alarms;
using Prepaid.App.Kernel.Security;
using Prepaid.App.Persistence;
using Prepaid.App.Kernel.Ui;
using Prepaid.Domain.Security;

namespace Prepaid.App.Tests.Alarms;

/// <summary>A bUnit context with MudBlazor, the app's strings, and the alarm services of an <see cref="AlarmTestHost"/>.</summary>
internal static class AlarmComponentContext
{
    public static BunitContext Create(AlarmTestHost host, string culture, params string[] roles)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        ctx.Services.AddLocalization();
        ctx.Services.AddTransient<MudLocalizer, PrepaidMudLocalizer>();
        ctx.Services.AddSingleton<IDbContextFactory<PrepaidDb>>(host.Database);
        ctx.Services.AddSingleton<TimeProvider>(host.Clock);
        ctx.Services.AddSingleton(Options.Create(new AlarmOptions()));
        ctx.Services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        ctx.Services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        ctx.Services.AddSingleton(host.Notifier);
        ctx.Services.AddSingleton(host.Query);
        ctx.Services.AddSingleton(host.Service);

        var auth = ctx.AddAuthorization();
        auth.SetAuthorized("test-user");
        auth.SetRoles(roles);
        auth.SetPolicies([.. Enum.GetValues<Permission>().Where(p => RolePermissions.Allows(roles, p)).Select(PermissionPolicies.For)]);

        // Touches the service provider, so it comes after every registration.
        ctx.SetRendererInfo(new RendererInfo("Server", true));
        return ctx;
    }
}
