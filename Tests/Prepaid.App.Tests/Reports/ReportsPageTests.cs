using System.Globalization;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using Prepaid.App.Components.Pages.Reports;
using Prepaid.App.Identity;
using Prepaid.App.Persistence;
using Prepaid.App.Reports;
using Prepaid.App.Ui;
using Prepaid.Domain.Security;
using static Prepaid.App.Tests.Reports.ReportTestHost;

namespace Prepaid.App.Tests.Reports;

public sealed class ReportsPageTests
{
    private static BunitContext Context(ReportTestHost host, string culture, params string[] roles)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        ctx.Services.AddLocalization();
        ctx.Services.AddTransient<MudLocalizer, PrepaidMudLocalizer>();
        ctx.Services.AddSingleton<IDbContextFactory<PrepaidDb>>(host.Database);
        ctx.Services.AddSingleton<TimeProvider>(host.Clock);
        ctx.Services.AddSingleton(host.Store);
        ctx.Services.AddSingleton(host.Generator);
        var auth = ctx.AddAuthorization();
        auth.SetAuthorized("someone");
        auth.SetRoles(roles);
        auth.SetPolicies([.. Enum.GetValues<Permission>().Where(p => RolePermissions.Allows(roles, p)).Select(PermissionPolicies.For)]);
        ctx.SetRendererInfo(new RendererInfo("Server", true));
        return ctx;
    }

    [Fact]
    public async Task Render_FilterByKind_ListsOnlyThatReportsVersions()
    {
        await using var host = await CreateAsync(Local(2026, 10, 20, 9));
        host.Clock.Advance(Local(2026, 11, 4) - host.Clock.GetUtcNow());
        var november = new ReportPeriod(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 3));
        await host.Generator.GenerateAsync(ReportKind.DailySales, ReportPeriod.Day(new DateOnly(2026, 11, 3)), "en", "tester", false, ReportGenerator.BothFormats, null, CancellationToken.None);
        await host.Generator.GenerateAsync(ReportKind.ShopPurchases, november, "en", "tester", false, ReportGenerator.BothFormats, null, CancellationToken.None);
        await using var ctx = Context(host, "en", Roles.Manager);

        var cut = ctx.Render<ReportsPage>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=report-row]").Count), TimeSpan.FromSeconds(5));
        var filter = cut.FindComponent<MudSelect<ReportKind?>>();
        await cut.InvokeAsync(() => filter.Instance.ValueChanged.InvokeAsync(ReportKind.ShopPurchases));

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=report-row]")), TimeSpan.FromSeconds(5));
        Assert.Contains("Shop purchases and consumption", cut.Find("[data-testid=report-row]").TextContent);
        Assert.Equal(2, cut.FindAll("[data-testid=report-download]").Count);
    }

    [Fact]
    public async Task Render_Finance_ListsAndOffersOnlyTheSalesReports()
    {
        await using var host = await CreateAsync(Local(2026, 10, 20, 9));
        await host.Generator.GenerateAsync(ReportKind.ShopPurchases, ReportPeriod.Day(new DateOnly(2026, 11, 3)), "en", "tester", false, ReportGenerator.BothFormats, null, CancellationToken.None);
        await using var ctx = Context(host, "zh-CN", Roles.Finance);

        var cut = ctx.Render<ReportsPage>();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=report-empty]")), TimeSpan.FromSeconds(5));
        Assert.Empty(cut.FindAll("[data-testid=report-row]"));
    }
}
