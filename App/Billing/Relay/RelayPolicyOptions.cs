namespace Prepaid.App.Billing.Relay;

/// <summary>The <c>RelayPolicy</c> section.</summary>
public sealed class RelayPolicyOptions
{
    public const string SectionName = "RelayPolicy";

    /// <summary>Evaluate the relay policy of platform-billing meters in the background.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Every platform-billing meter is evaluated at least this often (keep-power expiry, over-power duration).</summary>
    public TimeSpan TickPeriod { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>A power reading older than this is not used (the over-limit period is neither started nor ended).</summary>
    public TimeSpan PowerReadingMaxAge { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>After a policy command failed, the next one for the same meter waits this long.</summary>
    public TimeSpan CommandRetryAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>After an over-power trip the policy closes again by itself after this long; null: only an operator restores.</summary>
    public TimeSpan? OverPowerCoolDown { get; set; }

    /// <summary>Meters evaluated in parallel (each waits for its command's read-back).</summary>
    public int Workers { get; set; } = 4;

    public bool IsValid =>
        TickPeriod > TimeSpan.Zero && PowerReadingMaxAge > TimeSpan.Zero && CommandRetryAfter >= TimeSpan.Zero
        && (OverPowerCoolDown is null || OverPowerCoolDown > TimeSpan.Zero) && Workers is >= 1 and <= 64;
}
