using Prepaid.App.Accounts;

namespace Prepaid.App.Accounts.Desk;

public static class CashierServiceCollectionExtensions
{
    /// <summary>The finance office: tenants and accounts, and the cashier's desk (recharges with receipts, refund and
    /// reversal requests, the day-end close).</summary>
    public static IServiceCollection AddCashier(this IServiceCollection services)
    {
        services.AddAccounts();
        services.AddSingleton<ReceiptBook>();
        services.AddSingleton<RechargeService>();
        services.AddSingleton<RefundService>();
        services.AddSingleton<DayCloseService>();
        services.AddSingleton<ReceiptQuery>();
        services.AddSingleton<RefundRequestQuery>();
        return services;
    }
}
