using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Authorization;
using MudBlazor;
using MudBlazor.Services;
using Prepaid.App.Kernel.Commands;
using Prepaid.App.Kernel.Contracts;
using Prepaid.App.Kernel.Hosting;
using Prepaid.App.Kernel.Ledger;
using Prepaid.App.Kernel.Live;
using Prepaid.App.Kernel.Localization;
using Prepaid.App.Kernel.Scheduling;
using Prepaid.App.Kernel.Security;
using Prepaid.App.Kernel.Ui;
using Prepaid.Domain.Security;

namespace Prepaid.App.Kernel;

/// <summary>
/// Registers what every feature shares: the clock, the start gate, the live state, the ledger, the command journal,
/// the cross-feature dispatchers, permissions and audit, localization, scheduling and the UI basics.
/// </summary>
public static class KernelModule
{
    public static IServiceCollection AddKernel(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<StartGate>();

        services.AddSingleton<LiveStateNotifier>();
        services.AddSingleton<LiveStateCache>();
        services.AddSingleton<MeterInstantValues>();

        services.AddSingleton<AccountLocks>();
        services.AddSingleton<LedgerNotifier>();
        services.AddSingleton<LedgerService>();

        services.AddSingleton<MeterCommandNotifier>();
        services.AddSingleton<MeterCommandRunner>();
        services.AddSingleton<ICommandSubmitter, EngineCommandSubmitter>();
        services.AddSingleton<ConfigurationChangeSignal>();
        services.AddSingleton<IOperatorAlarmSink, OperatorAlarmDispatcher>();
        services.AddSingleton<ILossAlarmSink, LossAlarmDispatcher>();

        services.AddHttpContextAccessor();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<IAuthorizationHandler, PermissionHandler>();
        services.AddAuthorization(o =>
        {
            // Everything needs a signed-in user unless an endpoint says otherwise (login, health, assets).
            o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
            foreach (var permission in Enum.GetValues<Permission>())
            {
                o.AddPolicy(PermissionPolicies.For(permission), p => p.RequireAuthenticatedUser().AddRequirements(new PermissionRequirement(permission)));
            }
        });

        services.AddPrepaidLocalization(configuration);
        services.AddScheduling(configuration);

        // Chinese text goes out as characters, not as &#x...; entities that triple the page size.
        services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));
        services.AddMudServices();
        services.AddTransient<MudLocalizer, PrepaidMudLocalizer>();
        return services;
    }
}
