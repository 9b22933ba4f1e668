namespace Prepaid.App.Meters.KeepPower;

/// <summary>The <c>KeepPower</c> section: limits of a grant and the pace of the expiry loop.</summary>
public sealed class KeepPowerOptions
{
    public const string SectionName = "KeepPower";

    /// <summary>The longest keep power a user may grant at once.</summary>
    public TimeSpan MaxDuration { get; set; } = TimeSpan.FromDays(31);

    /// <summary>How often expired periods are looked for; an expiry is processed at most this late.</summary>
    public TimeSpan ExpiryCheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Wait after the first failed expiry Release before sending it again; doubled at each further failure.</summary>
    public TimeSpan ReleaseRetryFirst { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest wait between two tries of an unconfirmed expiry Release.</summary>
    public TimeSpan ReleaseRetryMax { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Run the expiry loop (off only where tests drive it by hand).</summary>
    public bool ExpiryEnabled { get; set; } = true;

    public bool IsValid => MaxDuration > TimeSpan.Zero && ExpiryCheckInterval > TimeSpan.Zero
        && ReleaseRetryFirst > TimeSpan.Zero && ReleaseRetryMax >= ReleaseRetryFirst;
}
