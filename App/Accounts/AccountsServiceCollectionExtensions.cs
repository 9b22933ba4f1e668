namespace Prepaid.App.Accounts;

public static class AccountsServiceCollectionExtensions
{
    /// <summary>Tenants and accounts: search, details, ledger, usage, opening and closing.</summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddSingleton<AccountDirectory>();
        services.AddSingleton<AccountQueries>();
        services.AddSingleton<TenantService>();
        services.AddSingleton<AccountLifecycle>();
        return services;
    }
}
