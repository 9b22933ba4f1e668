using System.Net;
using Bunit;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using MudBlazor.Services;
using Prepaid.App.Configuration.Pages;
using Prepaid.App.Configuration;
using Prepaid.App.Kernel.Contracts;
using Prepaid.App.Kernel.Security;
using Prepaid.App.Tests.Configuration.Import;
using Prepaid.App.Tests.Support;
using Prepaid.Domain.Security;

namespace Prepaid.App.Tests.Configuration;

public sealed class ConfigurationPagesTests
{
    /// <summary>As <see cref="ComponentTestContext"/>, with the configuration services (registered before SetRendererInfo).</summary>
    private static BunitContext Context(TestDatabase db, string role)
    {
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("en");
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        ctx.Services.AddLocalization();
        ctx.Services.AddTransient<MudLocalizer, Prepaid.App.Kernel.Ui.PrepaidMudLocalizer>();
        AddConfiguration(ctx.Services, db);
        var auth = ctx.AddAuthorization();
        auth.SetAuthorized("test-user");
        auth.SetRoles(role);
        auth.SetPolicies([.. Enum.GetValues<Permission>().Where(p => RolePermissions.Allows([role], p)).Select(PermissionPolicies.For)]);
        ctx.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", true));
        return ctx;
    }

    private static void AddConfiguration(IServiceCollection services, TestDatabase db)
    {
        var clock = new FakeTimeProvider(TestTime.DefaultStart);
        services.AddSingleton<IHttpContextAccessor>(new HttpContextAccessor());
        services.AddSingleton(new ConfigurationService(db, new AuditLog(db, clock), new ConfigurationChangeSignal(), clock));
        services.AddSingleton(new ConfigurationQuery(db));
    }

    [Fact]
    public async Task GatewaysPage_Manager_SeesTheGatewaysButNoEditButtons()
    {
        await using var db = await TestDatabase.CreateAsync(seedDemo: true);
        await using var page = Context(db, Roles.Manager);

        var cut = page.Render<GatewaysPage>();

        cut.WaitForAssertion(() => Assert.Contains("5 gateways", cut.Find("[data-testid=gateways-table]").TextContent), TimeSpan.FromSeconds(10));
        Assert.Contains("GW-S5", cut.Markup);
        Assert.Empty(cut.FindAll("[data-testid=gateway-new]"));
        Assert.Empty(cut.FindAll("[data-testid^=gateway-edit-]"));
    }

    [Fact]
    public async Task GatewaysPage_AdministratorSavesABadHost_SeesTheReasonAndNothingChanges()
    {
        await using var db = await TestDatabase.CreateAsync(seedDemo: true);
        await using var page = Context(db, Roles.Administrator);
        var provider = page.Render<MudDialogProvider>();
        var cut = page.Render<GatewaysPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid^=gateway-edit-]")), TimeSpan.FromSeconds(10));

        cut.FindAll("[data-testid^=gateway-edit-]")[0].Click();
        provider.WaitForAssertion(() => Assert.NotEmpty(provider.FindAll("input[data-testid=gateway-host]")));
        provider.Find("input[data-testid=gateway-host]").Change("bad host!");
        provider.Find("[data-testid=gateway-save]").Click();

        provider.WaitForAssertion(() => Assert.Contains("Host is not a host name or IP address: 'bad host!'.", provider.Find("[data-testid=config-errors]").TextContent));
        await using var read = db.CreateDbContext();
        Assert.Equal("127.0.0.1", (await read.Gateways.OrderBy(g => g.Name).FirstAsync()).Host);
    }

    [Theory]
    [InlineData(Roles.Administrator, true, true)]
    [InlineData(Roles.Manager, true, false)]
    [InlineData(Roles.Finance, false, false)]
    [InlineData(Roles.DutyElectrician, false, false)]
    public async Task Pages_ByRole_ServedOrRefused(string role, bool view, bool import)
    {
        await using var factory = new PrepaidAppFactory();
        await factory.CreateUserAsync("config-user", "Config-Test-2026", role);
        using var client = await factory.CreateSignedInClientAsync("config-user", "Config-Test-2026");

        foreach (var path in new[] { "/configuration", "/configuration/gateways", "/configuration/buses", "/configuration/meters", "/configuration/tenants", "/configuration/export", "/configuration/template" })
        {
            var response = await client.GetAsync(path);
            Assert.True(view == (response.StatusCode == HttpStatusCode.OK), $"{role} {path}: {response.StatusCode}");
        }

        Assert.Equal(import, (await client.GetAsync("/configuration/import")).StatusCode == HttpStatusCode.OK);
        if (view)
        {
            var export = await client.GetAsync("/configuration/export");
            Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Content.Headers.ContentType!.MediaType);
            await using var body = await export.Content.ReadAsStreamAsync();
            using var copy = new MemoryStream();
            await body.CopyToAsync(copy);
            Assert.Equal(382, ImportTestKit.Read(copy)["Meters"].Count);
        }
    }
}
