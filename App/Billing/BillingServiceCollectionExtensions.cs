using Prepaid.App.Billing.Ledger;

namespace Prepaid.App.Billing;

public static class BillingServiceCollectionExtensions
{
    /// <summary>The ledger (one writer, per-account gates, change notifications).</summary>
    public static IServiceCollection AddBilling(this IServiceCollection services)
    {
        services.AddSingleton<AccountLocks>();
        services.AddSingleton<LedgerNotifier>();
        services.AddSingleton<LedgerService>();
        return services;
    }
}
