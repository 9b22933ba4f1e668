using Bunit;
using Microsoft.AspNetCore.Components;
using Prepaid.App.Shell;
using Prepaid.App.Tests.Support;
using Prepaid.Domain.Security;

namespace Prepaid.App.Tests.Shell;

public sealed class MainLayoutTests
{
    [Theory]
    [InlineData("en", "Site overview", "Meters", "Reports")]
    [InlineData("zh-CN", "站点概览", "表计", "报表")]
    public async Task Render_Culture_ShowsLocalizedNavigation(string culture, string overview, string meters, string reports)
    {
        await using var ctx = ComponentTestContext.Create(culture);

        var cut = ctx.Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "body"))));

        var nav = cut.Find("[data-testid=nav]").TextContent;
        Assert.Contains(overview, nav);
        Assert.Contains(meters, nav);
        Assert.Contains(reports, nav);
    }

    [Fact]
    public async Task Render_Manager_EveryAreaIsALiveLink()
    {
        await using var ctx = ComponentTestContext.Create("en");

        var cut = ctx.Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "body"))));

        var links = cut.FindAll("[data-testid=nav] a");
        // A manager: overview, meters, alarms, diagnostics, wall, tenants, cashier, shops to call, reconciliation, audit
        // log, configuration and reports; every area is built now, so none is a disabled placeholder.
        Assert.Equal(12, links.Count);
        Assert.DoesNotContain(links, a => a.ClassList.Contains("mud-nav-link-disabled"));
    }

    [Fact]
    public async Task ThemeToggle_Click_StoresTheChoiceInACookie()
    {
        await using var ctx = ComponentTestContext.Create("en");
        var cut = ctx.Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "body"))));

        await cut.Find("[data-testid=theme-toggle]").ClickAsync(new Microsoft.AspNetCore.Components.Web.MouseEventArgs());

        var call = Assert.Single(ctx.JSInterop.Invocations, i => i.Identifier == "prepaid.setPreference");
        Assert.Equal(["prepaid-theme", "dark"], call.Arguments);
    }

    [Fact]
    public async Task Render_RoleWithoutLiveState_HidesOverviewAndMeters()
    {
        await using var ctx = ComponentTestContext.Create("en", null, Roles.Finance);

        var cut = ctx.Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "body"))));

        var nav = cut.Find("[data-testid=nav]").TextContent;
        Assert.DoesNotContain("Site overview", nav);
        Assert.DoesNotContain("Meters", nav.Replace("Planned", ""));
    }

    [Theory]
    [InlineData("en", "Your sign-in")]
    [InlineData("zh-CN", "我的登录")]
    public async Task Render_Tenant_OffersOnlyItsSignedInPage(string culture, string text)
    {
        await using var ctx = ComponentTestContext.Create(culture, null, Roles.Tenant);

        var cut = ctx.Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "body"))));

        var link = Assert.Single(cut.FindAll("[data-testid=nav] a"));
        Assert.Equal("signed-in", link.GetAttribute("href"));
        Assert.Equal(text, link.TextContent.Trim());
    }

    [Fact]
    public async Task Render_Finance_HasNoSignedInLinkBesideItsOwnPages()
    {
        await using var ctx = ComponentTestContext.Create("en", null, Roles.Finance);

        var cut = ctx.Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "body"))));

        Assert.Empty(cut.FindAll("[data-testid=nav-signed-in]"));
    }
}
