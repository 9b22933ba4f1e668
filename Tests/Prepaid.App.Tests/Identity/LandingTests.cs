using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Prepaid.App.Identity.Landing;
using Prepaid.App.Tests.Support;
using Prepaid.Domain.Security;

namespace Prepaid.App.Tests.Identity;

/// <summary>Each demo role signs in through the real form and lands on a page it may use, with a menu that works.</summary>
public sealed partial class LandingTests(PrepaidAppFactory factory) : IClassFixture<PrepaidAppFactory>
{
    private HttpClient NoRedirects() => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Theory]
    [InlineData("manager", "Demo-Manager-2026", "/")]
    [InlineData("cashier", "Demo-Cashier-2026", "/cashier")]
    [InlineData("electrician", "Demo-Electrician-2026", "/")]
    [InlineData("wall", "Demo-Wall-2026", "/wall")]
    [InlineData("tenant", "Demo-Tenant-2026", LandingRule.SignedInPath)]
    public async Task SignIn_DemoRole_LandsOnAPageItMayUse(string userName, string password, string expected)
    {
        using var client = NoRedirects();

        var signIn = await PrepaidAppFactory.SignInAsync(client, userName, password);

        Assert.Equal(expected, signIn.Headers.Location!.OriginalString);
        var landing = await client.GetAsync(expected);
        Assert.Equal(HttpStatusCode.OK, landing.StatusCode);
        Assert.DoesNotContain("data-testid=\"access-denied\"", await landing.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SignIn_Administrator_LandsOnTheOverview()
    {
        await factory.CreateUserAsync("landing-admin", "Landing-Admin-2026", Roles.Administrator);
        using var client = NoRedirects();

        var signIn = await PrepaidAppFactory.SignInAsync(client, "landing-admin", "Landing-Admin-2026");

        Assert.Equal("/", signIn.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    [Theory]
    [InlineData("cashier", "Demo-Cashier-2026", "/cashier")]
    [InlineData("wall", "Demo-Wall-2026", "/wall")]
    [InlineData("tenant", "Demo-Tenant-2026", LandingRule.SignedInPath)]
    public async Task Root_RoleWithoutLiveState_IsSentToItsStartPage(string userName, string password, string expected)
    {
        using var client = await factory.CreateSignedInClientAsync(userName, password);

        var root = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, root.StatusCode);
        Assert.Equal(expected, root.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("manager", "Demo-Manager-2026")]
    [InlineData("cashier", "Demo-Cashier-2026")]
    [InlineData("electrician", "Demo-Electrician-2026")]
    [InlineData("tenant", "Demo-Tenant-2026")]
    public async Task Menu_OnTheStartPage_OffersOnlyPagesTheRoleMayOpen(string userName, string password)
    {
        using var client = NoRedirects();
        var start = (await PrepaidAppFactory.SignInAsync(client, userName, password)).Headers.Location!.OriginalString;

        var links = NavLinks(await client.GetStringAsync(start));

        Assert.NotEmpty(links);
        foreach (var link in links)
        {
            var response = await client.GetAsync(link);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{userName}: {link} answered {(int)response.StatusCode} {response.Headers.Location}");
        }
    }

    [Theory]
    [InlineData("electrician", "Demo-Electrician-2026", "/meters", "/meters")]
    [InlineData("cashier", "Demo-Cashier-2026", "/meters", "/cashier")]
    [InlineData("cashier", "Demo-Cashier-2026", "/tenants/accounts/1", "/tenants/accounts/1")]
    [InlineData("wall", "Demo-Wall-2026", "/audit", "/wall")]
    [InlineData("tenant", "Demo-Tenant-2026", "/no-such-page", LandingRule.SignedInPath)]
    [InlineData("manager", "Demo-Manager-2026", "//evil.example/", "/")]
    public async Task SignIn_WithReturnUrl_HonoursItOnlyWhenTheRoleMayOpenIt(string userName, string password, string returnUrl, string expected)
    {
        using var client = NoRedirects();

        var signIn = await PrepaidAppFactory.SignInAsync(client, userName, password, returnUrl);

        Assert.Equal(expected, signIn.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("/tenants/accounts/1\t")]
    [InlineData("/tenants/accounts/1\n")]
    [InlineData("/tenants/accounts/1\r\n")]
    [InlineData("/tenants/accounts/1%09")]
    [InlineData("/tenants/accounts/1%0A")]
    [InlineData("/tenants/accounts/1%0d%0a")]
    public async Task SignIn_ReturnUrlWithControlCharacters_LandsOnTheStartPage(string returnUrl)
    {
        using var client = NoRedirects();

        var signIn = await PrepaidAppFactory.SignInAsync(client, "cashier", "Demo-Cashier-2026", returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/cashier", signIn.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("/cashier", true)]
    [InlineData("/tenants/accounts/7", true)]
    [InlineData(LandingRule.SignedInPath, true)]
    [InlineData("/meters", false)]
    [InlineData("/meters/7/replace", false)]
    [InlineData("/no-such-page", false)]
    public async Task PageAccess_Cashier_FollowsThePagesPermissions(string path, bool expected)
    {
        using var _ = factory.CreateClient();
        using var scope = factory.Services.CreateScope();
        var pages = scope.ServiceProvider.GetRequiredService<PageAccess>();

        Assert.Equal(expected, await pages.MayOpenAsync(AccessMatrixTests.Principal("cashier", Roles.Finance), path));
    }

    [Fact]
    public async Task SignedInPage_Tenant_NamesTheUserAndSaysWhereToAsk()
    {
        using var client = await factory.CreateSignedInClientAsync("tenant", "Demo-Tenant-2026", acceptLanguage: "zh-CN");

        var html = await client.GetStringAsync(LandingRule.SignedInPath);

        Assert.Contains("星光超市 Starlight Supermarket", html);
        Assert.Contains("data-testid=\"signed-in-no-pages\"", html);
        Assert.Contains("商场物业管理处", html);
    }

    private static List<string> NavLinks(string html)
    {
        var nav = NavBlock().Match(html);
        Assert.True(nav.Success, "the page has no navigation menu");
        return [.. Href().Matches(nav.Value).Select(m => "/" + WebUtility.HtmlDecode(m.Groups[1].Value).TrimStart('/'))];
    }

    [GeneratedRegex("""<nav[^>]*data-testid="nav".*?</nav>""", RegexOptions.Singleline)]
    private static partial Regex NavBlock();

    [GeneratedRegex("""<a[^>]*href="([^"]*)""")]
    private static partial Regex Href();
}
