using System.Globalization;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using Prepaid.App.Replacement;
using Prepaid.App.Replacement.Pages;
using Prepaid.App.Kernel.Security;
using Prepaid.App.Persistence;
using Prepaid.App.Readings;
using Prepaid.App.Kernel.Ui;
using Prepaid.App.Tests.Sharing;
using Prepaid.Domain.Security;

namespace Prepaid.App.Tests.Replacement;

public sealed class MeterReplacePageTests
{
    private static BunitContext Context(SmallMall mall, string culture)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        ctx.Services.AddLocalization();
        ctx.Services.AddTransient<MudLocalizer, PrepaidMudLocalizer>();
        ctx.Services.AddSingleton<IDbContextFactory<PrepaidDb>>(mall.Bed.Database);
        ctx.Services.AddSingleton<TimeProvider>(mall.Bed.Clock);
        ctx.Services.AddSingleton<IHttpContextAccessor>(new HttpContextAccessor());
        ctx.Services.AddSingleton(new MeterReplacementService(mall.Bed.Database, new ReadingProcessor(mall.Bed.Database, mall.Bed.Clock),
            new AuditLog(mall.Bed.Database, mall.Bed.Clock), mall.Bed.Clock));
        var auth = ctx.AddAuthorization();
        auth.SetAuthorized("admin");
        auth.SetRoles(Roles.Administrator);
        auth.SetPolicies([.. Enum.GetValues<Permission>().Select(PermissionPolicies.For)]);
        ctx.SetRendererInfo(new RendererInfo("Server", true));
        return ctx;
    }

    [Fact]
    public async Task Submit_FilledForm_RecordsTheReplacementAndListsIt()
    {
        var mall = await SmallMall.CreateAsync();
        await using var _ = mall.Bed;
        await using var ctx = Context(mall, "en");
        var cut = ctx.Render<MeterReplacePage>(p => p.Add(x => x.MeterId, mall.P1));
        cut.WaitForAssertion(() => Assert.Contains("SN003", cut.Find("[data-testid=replace-current]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=replace-remaining]"));

        cut.Find("input[data-testid=replace-final]").Change("0");
        cut.Find("input[data-testid=replace-serial]").Change("NEW-P1");
        cut.Find("input[data-testid=replace-unit]").Change("40");
        cut.Find("input[data-testid=replace-reason]").Input("Burnt terminal");
        cut.Find("[data-testid=replace-submit]").Click();

        cut.WaitForAssertion(() => Assert.StartsWith("Replacement recorded", cut.Find("[data-testid=replace-result]").TextContent.Trim()));
        Assert.Contains("NEW-P1 / 40", cut.Find("[data-testid=replace-history]").TextContent);
        await using var db = mall.Bed.Database.CreateDbContext();
        Assert.Equal(("NEW-P1", 40), await db.Meters.Where(m => m.Id == mall.P1).Select(m => new ValueTuple<string, int>(m.SerialNumber, m.UnitId)).SingleAsync());
    }

    [Fact]
    public async Task Render_MeterBillingInChinese_AsksForTheRemainingAmount()
    {
        var mall = await SmallMall.CreateAsync();
        await using var _ = mall.Bed;
        await using var ctx = Context(mall, "zh-CN");

        var cut = ctx.Render<MeterReplacePage>(p => p.Add(x => x.MeterId, mall.M1));

        cut.WaitForAssertion(() => Assert.Contains("换表", cut.Find("[data-testid=replace-title]").TextContent));
        Assert.Single(cut.FindAll("[data-testid=replace-remaining]"));
    }
}
