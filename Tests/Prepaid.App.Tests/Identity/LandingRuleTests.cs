using Prepaid.App.Identity.Landing;
using Prepaid.Domain.Security;

namespace Prepaid.App.Tests.Identity;

public sealed class LandingRuleTests
{
    [Theory]
    [InlineData(Roles.Administrator, "/")]
    [InlineData(Roles.Manager, "/")]
    [InlineData(Roles.DutyElectrician, "/")]
    [InlineData(Roles.Finance, "/cashier")]
    [InlineData(Roles.WallDisplay, "/wall")]
    [InlineData(Roles.Tenant, LandingRule.SignedInPath)]
    public void For_SingleRole_IsItsStartPage(string role, string expected) =>
        Assert.Equal(expected, LandingRule.For([role]));

    [Fact]
    public void For_EveryRole_LandsWhereTheRoleMayGo()
    {
        // The start page's own permission, so a new role or a changed table cannot land anyone on "access denied".
        var required = new Dictionary<string, Permission?>
        {
            ["/"] = Permission.ViewLiveState, ["/cashier"] = Permission.ViewAccounts, ["/wall"] = Permission.ViewWallDisplay,
            [LandingRule.SignedInPath] = null,
        };

        Assert.All(Roles.All, role =>
        {
            var permission = required[LandingRule.For([role])];
            Assert.True(permission is null || RolePermissions.Allows([role], permission.Value), role);
        });
    }

    [Fact]
    public void For_WallAndFinance_PrefersTheDeskOverTheKiosk() =>
        Assert.Equal("/cashier", LandingRule.For([Roles.WallDisplay, Roles.Finance]));

    [Fact]
    public void For_TenantAndManager_PrefersTheOverview() =>
        Assert.Equal("/", LandingRule.For([Roles.Tenant, Roles.Manager]));

    [Fact]
    public void For_NoKnownRole_IsTheSignedInPage()
    {
        Assert.Equal(LandingRule.SignedInPath, LandingRule.For([]));
        Assert.Equal(LandingRule.SignedInPath, LandingRule.For(["NoSuchRole"]));
    }

    [Fact]
    public void For_Principal_ReadsTheRoleClaims() =>
        Assert.Equal("/wall", LandingRule.For(AccessMatrixTests.Principal("wall", Roles.WallDisplay)));

    [Fact]
    public async Task AfterSignIn_AllowedReturnUrl_IsHonoured()
    {
        var cashier = AccessMatrixTests.Principal("cashier", Roles.Finance);

        var destination = await LandingRule.AfterSignInAsync(cashier, "/tenants?q=1", _ => Task.FromResult(true));

        Assert.Equal("/tenants?q=1", destination);
    }

    [Fact]
    public async Task AfterSignIn_ReturnUrlTheUserMayNotOpen_IsTheStartPage()
    {
        var cashier = AccessMatrixTests.Principal("cashier", Roles.Finance);

        var destination = await LandingRule.AfterSignInAsync(cashier, "/meters", path => Task.FromResult(path != "/meters"));

        Assert.Equal("/cashier", destination);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("https://evil.example/")]
    [InlineData("/account/denied")]
    [InlineData("/tenants\t")]
    [InlineData("/tenants/accounts/1\n")]
    [InlineData("/ten\rants")]
    [InlineData("/tenants?q=\u0085")]
    [InlineData("/tenants/accounts/1%0A")]
    [InlineData("/tenants/accounts/1%09")]
    [InlineData("/tenants?q=%0d%0aSet-Cookie:x")]
    [InlineData("/tenants/accounts/1%250A")]
    public async Task AfterSignIn_NoOrUnsafeReturnUrl_IsTheStartPageWithoutAsking(string? returnUrl)
    {
        var wall = AccessMatrixTests.Principal("wall", Roles.WallDisplay);
        var asked = new List<string>();

        var destination = await LandingRule.AfterSignInAsync(wall, returnUrl, path => { asked.Add(path); return Task.FromResult(true); });

        Assert.Equal("/wall", destination);
        Assert.Empty(asked);
    }
}
