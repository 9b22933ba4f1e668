using System.Security.Claims;
using Prepaid.Domain.Security;

namespace Prepaid.App.Identity.Landing;

/// <summary>
/// Where a signed-in user starts: the first page of the list below that one of its roles may open. The order is
/// the product's answer to "what does this person come here to do": live state for the people who run the site,
/// the desk for whoever takes money, the wall for the kiosk. A user none of them fits (today the Tenant, whose
/// self-service pages do not exist) lands on <see cref="SignedInPath"/>, which every signed-in user may open.
/// </summary>
public static class LandingRule
{
    /// <summary>The signed-in page: who you are and how to leave; the start of a user with no page of its own.</summary>
    public const string SignedInPath = "/signed-in";

    private static readonly (Permission Permission, string Path)[] Order =
    [
        (Permission.ViewLiveState, "/"),
        (Permission.Recharge, "/cashier"),
        (Permission.ViewAccounts, "/tenants"),
        (Permission.ViewWallDisplay, "/wall"),
        (Permission.ViewSalesReports, "/reports"),
        (Permission.ViewConfiguration, "/configuration"),
        (Permission.ManageUsers, "/admin/users"),
        (Permission.ViewAuditLog, "/audit"),
    ];

    public static string For(IEnumerable<string> roles)
    {
        var held = roles.ToList();
        foreach (var (permission, path) in Order)
        {
            if (RolePermissions.Allows(held, permission))
            {
                return path;
            }
        }

        return SignedInPath;
    }

    public static string For(ClaimsPrincipal user) => For(user.FindAll(ClaimTypes.Role).Select(c => c.Value));

    /// <summary>
    /// After sign-in: the page the user asked for when it is a safe local path the user may open, else its start.
    /// Landing on "access denied" right after signing in helps nobody (a cashier following a link to /meters).
    /// </summary>
    public static async Task<string> AfterSignInAsync(ClaimsPrincipal user, string? returnUrl, Func<string, Task<bool>> mayOpen)
    {
        var asked = AccountEndpoints.SafeReturnUrl(returnUrl);
        return asked != "/" && await mayOpen(asked) ? asked : For(user);
    }
}
