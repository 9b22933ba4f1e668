namespace Prepaid.Domain.Billing;

/// <summary>
/// Every code a property fee or public-area sharing check can report (the domain rules and the services that
/// store their settings), with the number of arguments its text takes; pages show <c>Config.Error.{Code}</c>.
/// </summary>
public static class BillingIssueCodes
{
    /// <summary>Code and argument count of every fee and sharing rule.</summary>
    public static IReadOnlyDictionary<string, int> All { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["Sharing.UnknownKey"] = 1,
        ["Sharing.BadPool"] = 2,
        ["Sharing.BadLoss"] = 1,
        ["Sharing.LossOverPool"] = 2,
        ["Sharing.NoTenants"] = 0,
        ["Sharing.TenantTwice"] = 1,
        ["Sharing.BadKeyValue"] = 3,
        ["Sharing.FeeNotFen"] = 2,
        ["Sharing.RatiosNotOne"] = 1,
        ["Sharing.KeysZero"] = 0,
        ["Sharing.NoRule"] = 1,
        ["Sharing.BadName"] = 0,
        ["Sharing.BadLossRate"] = 1,
        ["Sharing.NotFirstOfMonth"] = 1,
        ["Sharing.NoSite"] = 1,
        ["Sharing.NoTenant"] = 0,
        ["Sharing.NotSiteTenant"] = 1,
        ["Sharing.BadRatio"] = 2,
        ["Sharing.NoMeter"] = 0,
        ["Sharing.NotSiteMeter"] = 1,
        ["Sharing.NotPublicMeter"] = 1,
        ["Sharing.MeterNoTariff"] = 1,
        ["Fee.BadRate"] = 1,
        ["Fee.FixedNotFen"] = 1,
        ["Fee.BadArea"] = 1,
        ["Fee.UnknownBasis"] = 1,
        ["Fee.TenantTwice"] = 1,
        ["Fee.NoTenant"] = 1,
        ["Fee.NotFirstOfMonth"] = 1,
    };
}
