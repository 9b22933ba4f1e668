using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

using Prepaid.App.Kernel.Security;
using Prepaid.App.Persistence.Entities;
namespace Prepaid.App.Identity;

/// <summary>Adds the display name and the "must change password" mark to the sign-in cookie.</summary>
internal sealed class PrepaidClaimsFactory(
    UserManager<PrepaidUser> users,
    RoleManager<IdentityRole> roles,
    IOptions<IdentityOptions> options) : UserClaimsPrincipalFactory<PrepaidUser, IdentityRole>(users, roles, options)
{
    public const string DisplayNameClaim = PrepaidClaims.DisplayName;
    public const string MustChangePasswordClaim = PrepaidClaims.MustChangePassword;

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(PrepaidUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DisplayNameClaim, string.IsNullOrWhiteSpace(user.DisplayName) ? user.UserName ?? "" : user.DisplayName));
        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(MustChangePasswordClaim, "true"));
        }

        return identity;
    }
}
