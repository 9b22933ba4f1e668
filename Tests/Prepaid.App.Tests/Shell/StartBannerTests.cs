using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Prepaid.App.Kernel.Hosting;
using Prepaid.App.Shell;
using Prepaid.App.Tests.Support;
using Xunit;

namespace Prepaid.App.Tests.Shell;

public sealed class StartBannerTests
{
    [Fact]
    public async Task Render_NoBackgroundHistory_ShowsNothing()
    {
        await using var ctx = ComponentTestContext.Create("en");
        var cut = ctx.Render<StartBanner>();
        Assert.Empty(cut.FindAll("[data-testid=demo-history-banner]"));
    }

    [Fact]
    public async Task Render_HoldWithoutSteps_ShowsNothing()
    {
        await using var ctx = ComponentTestContext.Create("en");
        ctx.Services.GetRequiredService<StartGate>().Hold(StartStage.GatewaysListening, "Simulator");
        var cut = ctx.Render<StartBanner>();
        Assert.Empty(cut.FindAll("[data-testid=demo-history-banner]"));
    }

    [Theory]
    [InlineData("en", "Preparing demo history: day 7 of 60.")]
    [InlineData("zh-CN", "正在准备演示历史数据：第 7 天，共 60 天。")]
    public async Task Report_HistoryRunning_ShowsTheDayAndHidesWhenDone(string culture, string expected)
    {
        await using var ctx = ComponentTestContext.Create(culture);
        var gate = ctx.Services.GetRequiredService<StartGate>();
        var hold = gate.Hold(StartStage.PastWritten, "DemoHistory", 60);
        var cut = ctx.Render<StartBanner>();
        hold.Report(7);
        cut.WaitForAssertion(() => Assert.Contains(expected, cut.Find("[data-testid=demo-history-banner]").TextContent));

        hold.Release();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=demo-history-banner]")));
    }
}
