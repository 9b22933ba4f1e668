using System.Globalization;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using Prepaid.App.Reports.Pages;
using Prepaid.App.Kernel.Security;
using Prepaid.App.Persistence;
using Prepaid.App.Persistence.Entities;
using Prepaid.App.Reports;
using Prepaid.App.Kernel.Ui;
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

    private static MudDatePicker Picker(IRenderedComponent<ReportsPage> cut, string testId) =>
        cut.FindComponents<MudDatePicker>().Single(p => Equals(p.Instance.UserAttributes.GetValueOrDefault("data-testid"), testId)).Instance;

    private static Task ChooseAsync(IRenderedComponent<ReportsPage> cut, ReportKind kind)
    {
        var select = cut.FindComponent<MudSelect<ReportKind>>();
        return cut.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(kind));
    }

    [Fact]
    public async Task Render_FreshThreeDayDemo_ProposesYesterdayAndThisMonthToDate()
    {
        // Seeded three days ago: nothing before this month, so last month's reports would be empty.
        await using var host = await CreateAsync(Local(2026, 11, 22, 9));
        host.Clock.Advance(Local(2026, 11, 25, 10) - host.Clock.GetUtcNow());
        await using var ctx = Context(host, "en", Roles.Manager);

        var cut = ctx.Render<ReportsPage>();

        cut.WaitForAssertion(() => Assert.Equal(new DateTime(2026, 11, 24), Picker(cut, "report-from").Date), TimeSpan.FromSeconds(5));
        await ChooseAsync(cut, ReportKind.MonthlySales);
        Assert.Equal(new DateTime(2026, 11, 1), Picker(cut, "report-month").Date);
        await ChooseAsync(cut, ReportKind.ShopPurchases);
        Assert.Equal(new DateTime(2026, 11, 1), Picker(cut, "report-from").Date);
        Assert.Equal(new DateTime(2026, 11, 24), Picker(cut, "report-to").Date);

        await cut.InvokeAsync(() => cut.Find("[data-testid=report-run]").Click());
        cut.WaitForAssertion(() => Assert.Contains("2026-11-01 – 2026-11-24", cut.Find("[data-testid=report-row]").TextContent), TimeSpan.FromSeconds(30));
        Assert.Contains("Shop purchases and consumption", cut.Find("[data-testid=report-row]").TextContent);
    }

    [Fact]
    public async Task Render_SiteWithEarlierData_ProposesYesterdayAndTheLastCompleteMonth()
    {
        await using var host = await CreateAsync(Local(2026, 10, 20, 9));
        host.Clock.Advance(Local(2026, 11, 4, 8) - host.Clock.GetUtcNow());
        await using var ctx = Context(host, "zh-CN", Roles.Manager);

        var cut = ctx.Render<ReportsPage>();

        cut.WaitForAssertion(() => Assert.Equal(new DateTime(2026, 11, 3), Picker(cut, "report-from").Date), TimeSpan.FromSeconds(5));
        await ChooseAsync(cut, ReportKind.SharingStatement);
        Assert.Equal(new DateTime(2026, 10, 1), Picker(cut, "report-month").Date);
        await ChooseAsync(cut, ReportKind.EnergyAndMoney);
        Assert.Equal(new DateTime(2026, 10, 1), Picker(cut, "report-from").Date);
        Assert.Equal(new DateTime(2026, 10, 31), Picker(cut, "report-to").Date);
    }

    [Theory]
    [InlineData(ReportKind.DailySales, "2026-11-25", false, "2026-11-24", "2026-11-24")]
    [InlineData(ReportKind.DailySales, "2026-12-01", true, "2026-11-30", "2026-11-30")]
    [InlineData(ReportKind.MonthlySales, "2026-11-25", true, "2026-10-01", "2026-10-31")]
    [InlineData(ReportKind.MonthlySales, "2026-11-25", false, "2026-11-01", "2026-11-30")]
    [InlineData(ReportKind.LossReconciliation, "2026-03-10", true, "2026-02-01", "2026-02-28")]
    [InlineData(ReportKind.LossReconciliation, "2026-11-25", false, "2026-11-01", "2026-11-24")]
    [InlineData(ReportKind.AlarmKpis, "2026-11-01", false, "2026-11-01", "2026-11-01")]
    [InlineData(ReportKind.CommunicationFaults, "2027-01-01", true, "2026-12-01", "2026-12-31")]
    public void Period_KindTodayAndHistory_IsTheProposedPeriod(ReportKind kind, string today, bool earlier, string start, string end)
    {
        var period = ReportDefaults.Period(kind, DateOnly.Parse(today, CultureInfo.InvariantCulture), earlier);

        Assert.Equal(new ReportPeriod(DateOnly.Parse(start, CultureInfo.InvariantCulture), DateOnly.Parse(end, CultureInfo.InvariantCulture)), period);
        Assert.Null(period.Problem(kind));
    }

    [Fact]
    public async Task DataBeforeMonth_DemoSeededInTheMonthOrBefore_TellsWhichByTheLedger()
    {
        await using var late = await CreateAsync(Local(2026, 11, 1, 0, 30));
        await using var early = await CreateAsync(Local(2026, 10, 31, 23, 30));
        await using var lateDb = late.Database.CreateDbContext();
        await using var earlyDb = early.Database.CreateDbContext();
        var today = new DateOnly(2026, 11, 3);

        Assert.False(await ReportDefaults.DataBeforeMonthAsync(lateDb, today, Zone, CancellationToken.None));
        Assert.True(await ReportDefaults.DataBeforeMonthAsync(earlyDb, today, Zone, CancellationToken.None));
    }
}
