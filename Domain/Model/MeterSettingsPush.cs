namespace Prepaid.Domain.Model;

/// <summary>What was last pushed to a meter-billing meter and confirmed by read-back (one row per meter).</summary>
public sealed class MeterSettingsPush
{
    /// <summary>The meter; also the primary key.</summary>
    public int MeterId { get; set; }
    /// <summary>Fingerprint of the prices, alarm amounts and overdraft confirmed last; null before the first.</summary>
    public string? ParametersFingerprint { get; set; }
    /// <summary>Fingerprint of the power limit confirmed last; null before the first.</summary>
    public string? PowerLimitFingerprint { get; set; }
    /// <summary>When a push was last confirmed.</summary>
    public DateTimeOffset? ConfirmedAt { get; set; }
    /// <summary>When a push was last attempted (failed pushes wait before the next attempt).</summary>
    public DateTimeOffset? AttemptedAt { get; set; }
}
