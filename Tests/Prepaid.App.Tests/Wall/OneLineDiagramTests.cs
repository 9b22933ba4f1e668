using Bunit;
using Prepaid.App.Tests.Support;
using Prepaid.App.Wall.Pages;
using Prepaid.App.Kernel.Live;
using Prepaid.App.Wall;
using Prepaid.Domain.Model;

namespace Prepaid.App.Tests.Wall;

public sealed class OneLineDiagramTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 2, 0, 0, TimeSpan.Zero);

    private static readonly WallModel Model = new("Test mall",
        [new WallTransformer(1, "T1", "1250 kVA", 100)],
        [
            new WallShaft(10, "S1", 1, [new WallMeter(1, "A-E", MeterKind.Electricity, MeterRole.Tenant), new WallMeter(2, "B-E", MeterKind.Electricity, MeterRole.Tenant)]),
            new WallShaft(11, "S2", 1, [new WallMeter(3, "C-W", MeterKind.Water, MeterRole.Tenant)]),
        ]);

    private static MeterSnapshot State(int id, bool? supply, decimal kw, ValueQuality quality = ValueQuality.Good) =>
        new(id, quality, Now, Now, kw, 1m, null, 50m, supply, 0);

    [Fact]
    public async Task Render_States_DrawsEachMeterWithItsStateAndTheFeederLoads()
    {
        await using var ctx = ComponentTestContext.Create("en");
        var states = new Dictionary<int, MeterSnapshot>
        {
            [1] = State(1, true, 2.5m),
            [2] = State(2, false, 0m),
            [100] = State(100, true, 80m),
        };

        var cut = ctx.Render<OneLineDiagram>(p => p.Add(x => x.Model, Model).Add(x => x.States, states).Add(x => x.Now, Now));

        Assert.Equal("Normal", cut.Find("[data-testid=sym-1]").GetAttribute("data-state"));
        Assert.Equal("Open", cut.Find("[data-testid=sym-2]").GetAttribute("data-state"));
        Assert.Contains("sym-CommLost", cut.Find("[data-testid=sym-3]").GetAttribute("class"));
        Assert.Equal("2.5 kW", cut.Find("[data-testid=feeder-S1]").TextContent);
        Assert.Equal("80.0 kW", cut.Find("[data-testid=incomer-T1]").TextContent);
        Assert.Equal("C-W · Comm lost", cut.Find("[data-testid=sym-3] title").TextContent);
    }

    [Fact]
    public async Task Render_Chinese_LabelsTheLegendInChinese()
    {
        await using var ctx = ComponentTestContext.Create("zh-CN");

        var cut = ctx.Render<OneLineDiagram>(p => p.Add(x => x.Model, Model).Add(x => x.States, new Dictionary<int, MeterSnapshot>()).Add(x => x.Now, Now));

        var legend = cut.Find(".wall-legend").TextContent;
        Assert.Contains("欠费跳闸", legend);
        Assert.Contains("通讯中断", legend);
    }
}
