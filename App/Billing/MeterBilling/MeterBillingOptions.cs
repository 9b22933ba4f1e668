namespace Prepaid.App.Billing.MeterBilling;

/// <summary>The <c>MeterBilling</c> section: recharge delivery, settings push and reconciliation of meter-billing meters.</summary>
public sealed class MeterBillingOptions
{
    public const string SectionName = "MeterBilling";

    /// <summary>Deliver recharges, push settings and reconcile in the background.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often undelivered recharges are looked for and failed deliveries retried.</summary>
    public TimeSpan DeliveryPeriod { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A delivery whose purchase could not be confirmed (no answer) is retried after this long.</summary>
    public TimeSpan DeliveryRetryAfter { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>The least share of the electricity and of the water meter under the consumption split rule (0 to 0.5).</summary>
    public decimal MinimumSplitShare { get; set; } = 0.10m;

    /// <summary>How often meters' pushed settings are compared with the tariff and the accounts.</summary>
    public TimeSpan SettingsCheckPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Settings pushes per bus and check at most (so a tariff change does not flood a bus).</summary>
    public int MaxPushesPerBus { get; set; } = 5;

    /// <summary>A failed push is tried again after this long.</summary>
    public TimeSpan PushRetryAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Cron (site time) of the nightly reconciliation.</summary>
    public string ReconciliationCron { get; set; } = "0 30 2 * * ?";

    /// <summary>After a start the reconciliation waits this long, so that it compares fresh readings.</summary>
    public TimeSpan ReconciliationWarmUp { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Remaining amount differences up to this many yuan are register rounding, not discrepancies.</summary>
    public decimal RemainingTolerance { get; set; } = 0.10m;

    /// <summary>Energy differences up to this many kWh (m3) are register rounding, not discrepancies.</summary>
    public decimal EnergyTolerance { get; set; } = 0.05m;

    /// <summary>A meter without a good reading for longer than this is reported unreadable.</summary>
    public TimeSpan ReadingMaxAge { get; set; } = TimeSpan.FromHours(1);

    public bool IsValid =>
        DeliveryPeriod > TimeSpan.Zero && DeliveryRetryAfter >= TimeSpan.Zero && MinimumSplitShare is >= 0m and <= 0.5m
        && SettingsCheckPeriod > TimeSpan.Zero && MaxPushesPerBus >= 1 && PushRetryAfter >= TimeSpan.Zero
        && ReconciliationWarmUp >= TimeSpan.Zero && RemainingTolerance >= 0m && EnergyTolerance >= 0m && ReadingMaxAge > TimeSpan.Zero
        && IsCron(ReconciliationCron);

    private static bool IsCron(string expression)
    {
        try
        {
            _ = new Quartz.CronExpression(expression);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
