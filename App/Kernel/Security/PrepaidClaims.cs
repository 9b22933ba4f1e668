namespace Prepaid.App.Kernel.Security;

/// <summary>The claim types Prepaid adds to the sign-in cookie; every feature reads them from here.</summary>
public static class PrepaidClaims
{
    /// <summary>The person's display name (receipts and journals name people, not logins).</summary>
    public const string DisplayName = "prepaid:display-name";

    /// <summary>Present while the user must replace a first or reset password before doing anything else.</summary>
    public const string MustChangePassword = "prepaid:must-change-password";
}
