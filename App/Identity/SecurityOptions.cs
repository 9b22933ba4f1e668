using System.ComponentModel.DataAnnotations;

namespace Prepaid.App.Identity;

/// <summary>The <c>Security</c> section: first-run administrator, password policy, lockout, sessions.</summary>
public sealed class SecurityOptions
{
    public const string SectionName = "Security";

    [Required]
    public string AdminUserName { get; set; } = "admin";

    /// <summary>First-run administrator password; when empty one is generated and printed once in the log.</summary>
    public string? AdminPassword { get; set; }

    [Range(8, 128)]
    public int PasswordMinLength { get; set; } = 10;

    [Range(1, 100)]
    public int LockoutMaxFailedAttempts { get; set; } = 5;

    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Idle time after which an operator's session ends (sliding).</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromHours(8);

    /// <summary>
    /// Session length of a wall-display (kiosk) account, so the control-room screen survives nights and server
    /// restarts; disabling the account revokes it within <see cref="RevalidationInterval"/>.
    /// </summary>
    public TimeSpan KioskSessionLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often an open session rechecks that its user is still enabled and unchanged.</summary>
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromMinutes(1);
}
