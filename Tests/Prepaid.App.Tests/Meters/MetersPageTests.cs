using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Prepaid.App.Meters.Pages;
using Prepaid.App.Tests.Support;

namespace Prepaid.App.Tests.Meters;

public sealed class MetersPageTests
{
    [Fact]
    public async Task Render_DemoMall_ShowsFirstPageAndTotal()
    {
        await using var database = await TestDatabase.CreateAsync(seedDemo: true);
        await using var ctx = ComponentTestContext.Create("en", database);

        var cut = ctx.Render<MetersPage>();

        cut.WaitForAssertion(() => Assert.Equal("382 meters", cut.Find("[data-testid=meter-count]").TextContent), TimeSpan.FromSeconds(10));
        Assert.Equal(50, cut.FindAll("[data-testid=meters-grid] tbody tr").Count);
    }

    [Fact]
    public async Task Render_ShaftFromQuery_ListsOnlyThatShaft()
    {
        await using var database = await TestDatabase.CreateAsync(seedDemo: true);
        await using var ctx = ComponentTestContext.Create("en", database);
        var navigation = ctx.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        navigation.NavigateTo("meters?shaft=1");

        var cut = ctx.Render<MetersPage>();

        cut.WaitForAssertion(() => Assert.Equal("58 meters", cut.Find("[data-testid=meter-count]").TextContent), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Render_Chinese_ShowsLocalizedHeadersAndEnums()
    {
        await using var database = await TestDatabase.CreateAsync(seedDemo: true);
        await using var ctx = ComponentTestContext.Create("zh-CN", database);

        var cut = ctx.Render<MetersPage>();

        cut.WaitForAssertion(() => Assert.Equal("共 382 块表", cut.Find("[data-testid=meter-count]").TextContent), TimeSpan.FromSeconds(10));
        var grid = cut.Find("[data-testid=meters-grid]").TextContent;
        Assert.Contains("计费方式", grid);
        Assert.Contains("三相预付费", grid);
    }

    [Fact]
    public async Task LiveUpdate_ForAVisibleMeter_RerendersItsRowWithoutReloading()
    {
        await using var database = await TestDatabase.CreateAsync(seedDemo: true);
        await using var ctx = ComponentTestContext.Create("en", database);
        var cut = ctx.Render<MetersPage>();
        cut.WaitForAssertion(() => Assert.Equal("382 meters", cut.Find("[data-testid=meter-count]").TextContent), TimeSpan.FromSeconds(10));
        var firstId = int.Parse(cut.Find("[data-testid^=quality-]").GetAttribute("data-testid")!["quality-".Length..]);
        Assert.Equal("No data", cut.Find($"[data-testid=quality-{firstId}]").TextContent.Trim());

        ctx.Services.GetRequiredService<Prepaid.App.Kernel.Live.LiveStateCache>().Apply([new Prepaid.Domain.Model.MeterLiveState
        {
            MeterId = firstId, Quality = Prepaid.Domain.Model.ValueQuality.Good, UpdatedAt = DateTimeOffset.UtcNow,
            LastGoodAt = DateTimeOffset.UtcNow, PowerKw = 4.321m, SupplyOn = true, RemainingYuan = 55.5m,
        }]);

        cut.WaitForAssertion(() => Assert.Equal("Online", cut.Find($"[data-testid=quality-{firstId}]").TextContent.Trim()), TimeSpan.FromSeconds(10));
        Assert.Contains("4.321", cut.Find("[data-testid=meters-grid] tbody tr").TextContent);
    }
}
