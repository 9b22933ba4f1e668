namespace Prepaid.App.Billing.Platform;

/// <summary>How intervals are priced by the tariff engine.</summary>
public enum PlatformPricingSource
{
    /// <summary>By the interval's timestamps: the platform's TOU schedule decides the rate (the default: the
    /// platform's plan is authoritative, whatever schedule the meter's clock keeps).</summary>
    IntervalTimestamps = 0,
    /// <summary>By the meter's per-rate register deltas (尖峰平谷) when they add up to the interval's total.</summary>
    RateRegisters = 1,
}

/// <summary>The <c>PlatformBilling</c> section.</summary>
public sealed class PlatformBillingOptions
{
    public const string SectionName = "PlatformBilling";

    /// <summary>Charge platform-billing meters in the background.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often closed intervals are charged.</summary>
    public TimeSpan Period { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Intervals charged per meter and run at most (a long downtime is caught up over several runs).</summary>
    public int MaxIntervalsPerMeter { get; set; } = 2000;

    /// <summary>What the tariff engine prices.</summary>
    public PlatformPricingSource PricingSource { get; set; } = PlatformPricingSource.IntervalTimestamps;

    public bool IsValid => Period > TimeSpan.Zero && MaxIntervalsPerMeter > 0;
}
