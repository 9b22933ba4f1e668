using Microsoft.AspNetCore.Identity;

namespace Prepaid.App.Persistence.Entities;

/// <summary>An operator or tenant who signs in; roles come from Identity's role tables.</summary>
public sealed class PrepaidUser : IdentityUser
{
    /// <summary>Name shown in the app bar and in the audit log.</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>Set for generated and reset passwords: the next sign-in must choose a new one.</summary>
    public bool MustChangePassword { get; set; }

    /// <summary>A disabled user cannot sign in; existing sessions end at the next security check.</summary>
    public bool IsDisabled { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
