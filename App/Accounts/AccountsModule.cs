using Prepaid.App.Accounts.Desk;
using Prepaid.App.Kernel.Hosting;

namespace Prepaid.App.Accounts;

/// <summary>The finance office: tenants and accounts (search, details, ledger, usage, opening and closing) and the
/// cashier's desk (recharges with receipts, refund and reversal requests, the day-end close).</summary>
public sealed class AccountsModule : IFeatureModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<AccountDirectory>();
        services.AddSingleton<AccountQueries>();
        services.AddSingleton<TenantService>();
        services.AddSingleton<AccountLifecycle>();
        services.AddSingleton<ReceiptBook>();
        services.AddSingleton<RechargeService>();
        services.AddSingleton<RefundService>();
        services.AddSingleton<DayCloseService>();
        services.AddSingleton<ReceiptQuery>();
        services.AddSingleton<RefundRequestQuery>();
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapCashierEndpoints();
}
