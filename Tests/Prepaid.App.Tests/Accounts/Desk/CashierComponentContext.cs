using System.Globalization;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using MudBlazor.Services;
using Prepaid.App.Accounts;
using Prepaid.App.Kernel.Ledger;
using Prepaid.App.Kernel.Security;
using Prepaid.App.Persistence;
using Prepaid.App.Kernel.Ui;
using Prepaid.Domain.Security;
using Prepaid.App.Accounts.Desk;

namespace Prepaid.App.Tests.Accounts.Desk;

/// <summary>A bUnit context with MudBlazor, the app's localizer, the desk's and the accounts' services over a test
/// database, and a signed-in user with a name and roles.</summary>
internal static class CashierComponentContext
{
    public static BunitContext Create(string culture, IDbContextFactory<PrepaidDb> database, FakeTimeProvider clock, string userName, params string[] roles)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        ctx.Services.AddLocalization();
        ctx.Services.AddTransient<MudLocalizer, PrepaidMudLocalizer>();
        ctx.Services.AddSingleton<IDbContextFactory<PrepaidDb>>(database);
        ctx.Services.AddSingleton<TimeProvider>(clock);
        ctx.Services.AddSingleton<ILogger<LedgerNotifier>>(NullLogger<LedgerNotifier>.Instance);
        ctx.Services.AddHttpContextAccessor();
        ctx.Services.AddSingleton<AuditLog>();
        ctx.Services.AddSingleton<AccountLocks>();
        ctx.Services.AddSingleton<LedgerNotifier>();
        ctx.Services.AddSingleton<LedgerService>();
        // The system clock: the live notifier coalesces on timers, which the test's clock fires only when advanced.
        ctx.Services.AddSingleton(new Prepaid.App.Kernel.Live.LiveStateNotifier(TimeProvider.System, NullLogger<Prepaid.App.Kernel.Live.LiveStateNotifier>.Instance));
        ctx.Services.AddSingleton<Prepaid.App.Kernel.Live.LiveStateCache>();
        new Prepaid.App.Accounts.AccountsModule().AddServices(ctx.Services, new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());

        var auth = ctx.AddAuthorization();
        auth.SetAuthorized(userName);
        auth.SetRoles(roles);
        auth.SetPolicies([.. Enum.GetValues<Permission>().Where(p => RolePermissions.Allows(roles, p)).Select(PermissionPolicies.For)]);

        // Touches the service provider, so it comes after every registration.
        ctx.SetRendererInfo(new RendererInfo("Server", true));
        return ctx;
    }
}
