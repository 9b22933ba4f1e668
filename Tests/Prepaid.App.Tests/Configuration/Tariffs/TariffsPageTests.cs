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
using Prepaid.App.Configuration.Tariffs;
using Prepaid.App.Kernel.Security;
using Prepaid.App.Tests.Support;
using Prepaid.Domain.Security;
using Prepaid.Domain.Tariffs;

namespace Prepaid.App.Tests.Configuration.Tariffs;

public sealed class TariffsPageTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static BunitContext Context(TestDatabase db, string role, string culture = "en")
    {
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo(culture);
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        ctx.Services.AddLocalization();
        ctx.Services.AddTransient<MudLocalizer, Prepaid.App.Kernel.Ui.PrepaidMudLocalizer>();
        var clock = new FakeTimeProvider(TestTime.DefaultStart);
        var signal = new ConfigurationChangeSignal();
        ctx.Services.AddSingleton<IHttpContextAccessor>(new HttpContextAccessor());
        ctx.Services.AddSingleton(new ConfigurationService(db, new AuditLog(db, clock), signal, clock));
        ctx.Services.AddSingleton(new ConfigurationQuery(db));
        ctx.Services.AddSingleton(new TariffConfigurationService(db, new AuditLog(db, clock), signal, clock));
        var auth = ctx.AddAuthorization();
        auth.SetAuthorized(role == Roles.Administrator ? "admin" : "someone");
        auth.SetRoles(role);
        auth.SetPolicies([.. Enum.GetValues<Permission>().Where(p => RolePermissions.Allows([role], p)).Select(PermissionPolicies.For)]);
        ctx.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", true));
        return ctx;
    }

    private static IRenderedComponent<TariffsPage> OpenTou(BunitContext page)
    {
        var cut = page.Render<TariffsPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=tariff-open-E-TOU]")), Wait);
        cut.Find("[data-testid=tariff-open-E-TOU]").Click();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=tariff-editor]")), Wait);
        return cut;
    }

    [Fact]
    public async Task TariffsPage_Manager_SeesVersionsAndPlanReadOnlyWithoutSaving()
    {
        await using var db = await TestDatabase.CreateAsync(seedDemo: true);
        await using var page = Context(db, Roles.Manager);

        var cut = OpenTou(page);

        Assert.Contains("In force", cut.Find("[data-testid=tariff-versions]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=tariff-version-new]"));
        Assert.Empty(cut.FindAll("[data-testid=tariff-save]"));
        Assert.Empty(cut.FindAll("[data-testid=tariff-day-add]"));
        Assert.True(cut.Find("input[data-testid=tariff-seg-0-1-start]").HasAttribute("readonly"));
        Assert.Equal("07:00", cut.Find("input[data-testid=tariff-seg-0-1-start]").GetAttribute("value"));
    }

    [Fact]
    public async Task TariffsPage_PreviewOfTheVersionInForce_Shows180YuanFor10Kw()
    {
        await using var db = await TestDatabase.CreateAsync(seedDemo: true);
        await using var page = Context(db, Roles.Manager);
        var cut = OpenTou(page);

        cut.Find("[data-testid=tariff-preview-run]").Click();

        cut.WaitForAssertion(() => Assert.Equal("180.0000", cut.Find("[data-testid=tariff-preview-total]").TextContent.Trim()), Wait);
        var lines = cut.Find("[data-testid=tariff-preview-lines]").TextContent;
        Assert.Contains("Peak", lines);
        Assert.Contains("92.0000", lines);
    }

    [Fact]
    public async Task TariffsPage_AdministratorSavesANewVersion_ItIsScheduled()
    {
        await using var db = await TestDatabase.CreateAsync(seedDemo: true);
        await using var page = Context(db, Roles.Administrator);
        var cut = OpenTou(page);

        cut.Find("[data-testid=tariff-version-new]").Click();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=tariff-save]")), Wait);
        cut.Find("input[data-testid=tariff-rate-price-Peak]").Change("1.25");
        cut.Find("[data-testid=tariff-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Scheduled", cut.Find("[data-testid=tariff-versions]").TextContent), Wait);
        await using var read = db.CreateDbContext();
        var saved = await read.TariffVersions.OrderByDescending(v => v.ValidFrom).FirstAsync();
        Assert.Equal((new DateOnly(2026, 11, 21), "admin"), (saved.ValidFrom, saved.CreatedBy));
        Assert.Equal(1.25m, TariffPlanJson.Deserialize(saved.PlanJson).Tou!.PriceOf(TouRate.Peak));
    }

    [Fact]
    public async Task TariffsPage_AdministratorSavesABadSegmentStart_SeesTheReasonAndNothingIsSaved()
    {
        await using var db = await TestDatabase.CreateAsync(seedDemo: true);
        await using var page = Context(db, Roles.Administrator);
        var cut = OpenTou(page);
        int before;
        await using (var read = db.CreateDbContext()) before = await read.TariffVersions.CountAsync();

        cut.Find("[data-testid=tariff-version-new]").Click();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=tariff-save]")), Wait);
        cut.Find("input[data-testid=tariff-seg-0-2-start]").Change("06:00");
        cut.Find("[data-testid=tariff-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("segment 3 (06:00)", cut.Find("[data-testid=config-errors]").TextContent), Wait);
        await using var check = db.CreateDbContext();
        Assert.Equal(before, await check.TariffVersions.CountAsync());
    }

    [Fact]
    public async Task TariffsPage_ChineseAdministratorSavesOverlappingSegments_SeesTheReasonInChinese()
    {
        await using var db = await TestDatabase.CreateAsync(seedDemo: true);
        await using var page = Context(db, Roles.Administrator, "zh-CN");
        var cut = OpenTou(page);

        cut.Find("[data-testid=tariff-version-new]").Click();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=tariff-save]")), Wait);
        cut.Find("input[data-testid=tariff-seg-0-2-start]").Change("06:00");
        cut.Find("[data-testid=tariff-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("日时段表“normal”的第 3 个时段（06:00）没有晚于第 2 个时段（07:00）开始", cut.Find("[data-testid=config-errors]").TextContent), Wait);
        Assert.DoesNotContain("segment 3", cut.Find("[data-testid=config-errors]").TextContent);
    }

    [Fact]
    public async Task TariffPlanEditor_SwitchToTiered_ShowsOneBlockAndAddsMore()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var page = Context(db, Roles.Administrator);
        var draft = new TariffDraft { Kind = PricingKind.Flat, FlatPrice = 0.85m };
        var cut = page.Render<TariffPlanEditor>(p => p.Add(e => e.Draft, draft).Add(e => e.Commodity, Commodity.Water));
        Assert.NotEmpty(cut.FindAll("[data-testid=tariff-flat-price]"));

        await cut.InvokeAsync(() => cut.FindComponent<MudSelect<PricingKind>>().Instance.ValueChanged.InvokeAsync(PricingKind.Tiered));
        // The switch re-renders through the renderer's queue: under load the tier block can appear a moment later.
        cut.WaitForElement("[data-testid=tariff-tier-add]", Wait).Click();

        Assert.Equal(PricingKind.Tiered, draft.Kind);
        cut.WaitForAssertion(() => Assert.Equal(2, draft.Tiers.Count), Wait);
        Assert.Empty(cut.FindAll("[data-testid=tariff-flat-price]"));
        Assert.Contains("m³", cut.Find("[data-testid=tariff-tiers]").TextContent);
    }

    [Fact]
    public async Task TariffsPage_AdministratorCreatesANewTariff_ItIsListedAndSelected()
    {
        await using var db = await TestDatabase.CreateAsync(seedDemo: true);
        await using var page = Context(db, Roles.Administrator);
        var cut = page.Render<TariffsPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=tariff-open-E-TOU]")), Wait);

        cut.Find("[data-testid=tariff-new]").Click();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=tariff-create-save]")), Wait);
        cut.Find("input[data-testid=tariff-create-code]").Change("W-NEW");
        cut.Find("input[data-testid=tariff-create-name]").Change("Water flat 2027");
        await cut.InvokeAsync(() => cut.FindComponent<MudSelect<Commodity>>().Instance.ValueChanged.InvokeAsync(Commodity.Water));
        cut.Find("input[data-testid=tariff-flat-price]").Change("5.5");
        cut.Find("[data-testid=tariff-create-preview-run]").Click();
        cut.WaitForAssertion(() => Assert.Equal("1320.0000", cut.Find("[data-testid=tariff-create-preview-total]").TextContent.Trim()), Wait);
        cut.Find("[data-testid=tariff-create-save]").Click();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=tariff-open-W-NEW]")), Wait);
        // The form proposes today: a brand-new tariff's first version is in force at once.
        cut.WaitForAssertion(() => Assert.Contains("In force", cut.Find("[data-testid=tariff-versions]").TextContent), Wait);
        Assert.Empty(cut.FindAll("[data-testid=tariff-create]"));
        await using var read = db.CreateDbContext();
        var created = await read.Tariffs.Include(t => t.Versions).SingleAsync(t => t.Code == "W-NEW");
        Assert.Equal(("Water flat 2027", Prepaid.Domain.Model.MeterKind.Water), (created.Name, created.Commodity));
        var version = Assert.Single(created.Versions);
        Assert.Equal(5.5m, TariffPlanJson.Deserialize(version.PlanJson).FlatPrice);
        Assert.Equal(new DateOnly(2026, 11, 20), version.ValidFrom);
    }

    [Fact]
    public async Task TariffsPage_AdministratorCreatesWithADuplicateCode_SeesTheReasonAndNothingIsSaved()
    {
        await using var db = await TestDatabase.CreateAsync(seedDemo: true);
        await using var page = Context(db, Roles.Administrator);
        var cut = page.Render<TariffsPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=tariff-open-E-TOU]")), Wait);
        int before;
        await using (var read = db.CreateDbContext()) before = await read.Tariffs.CountAsync();

        cut.Find("[data-testid=tariff-new]").Click();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=tariff-create-save]")), Wait);
        cut.Find("input[data-testid=tariff-create-code]").Change("E-TOU");
        cut.Find("input[data-testid=tariff-create-name]").Change("Copy");
        cut.Find("input[data-testid=tariff-flat-price]").Change("1");
        cut.Find("[data-testid=tariff-create-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("E-TOU", cut.Find("[data-testid=tariff-create] [data-testid=config-errors]").TextContent), Wait);
        await using var check = db.CreateDbContext();
        Assert.Equal(before, await check.Tariffs.CountAsync());
    }

    [Fact]
    public async Task TariffsPage_Manager_DoesNotSeeNewTariff()
    {
        await using var db = await TestDatabase.CreateAsync(seedDemo: true);
        await using var page = Context(db, Roles.Manager);

        var cut = page.Render<TariffsPage>();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=tariff-open-E-TOU]")), Wait);
        Assert.Empty(cut.FindAll("[data-testid=tariff-new]"));
        Assert.Empty(cut.FindAll("[data-testid=tariff-create]"));
    }
}
