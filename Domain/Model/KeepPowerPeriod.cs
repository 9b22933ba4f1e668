namespace Prepaid.Domain.Model;

/// <summary>
/// Keep power (保电) granted on a meter by a permitted user, with a reason and an expiry: while it runs, the
/// relay policy never trips the meter for arrears. It ends at <see cref="ExpiresAt"/> or earlier when a user
/// releases it (<see cref="EndedAt"/>).
/// </summary>
public sealed class KeepPowerPeriod
{
    /// <summary>Primary key.</summary>
    public long Id { get; set; }
    /// <summary>The meter kept on.</summary>
    public int MeterId { get; set; }
    /// <summary>User name of who granted it.</summary>
    public required string GrantedBy { get; set; }
    /// <summary>Why, as the user wrote it.</summary>
    public required string Reason { get; set; }
    /// <summary>When it was granted.</summary>
    public DateTimeOffset GrantedAt { get; set; }
    /// <summary>When it ends by itself.</summary>
    public DateTimeOffset ExpiresAt { get; set; }
    /// <summary>When it was released early or its expiry was processed; null while it runs.</summary>
    public DateTimeOffset? EndedAt { get; set; }
    /// <summary>Who released it, or the job that processed the expiry.</summary>
    public string? EndedBy { get; set; }

    /// <summary>Whether it keeps the meter on at <paramref name="now"/>.</summary>
    public bool IsActiveAt(DateTimeOffset now) => EndedAt is null && now < ExpiresAt;
}
