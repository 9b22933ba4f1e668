using Bunit;
using Prepaid.App.Meters.Pages;
using Prepaid.App.Meters;
using Prepaid.App.Tests.Support;

namespace Prepaid.App.Tests.Meters;

public sealed class TrendChartTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);

    private static List<TrendPoint> Series(params decimal?[] values) =>
        [.. values.Select((v, i) => new TrendPoint(T0.AddDays(i), $"11-{20 + i:00}", v))];

    [Fact]
    public async Task Render_Bars_OneBarPerMeasuredPointWithItsValueAndTallerForMore()
    {
        await using var ctx = ComponentTestContext.Create("en");

        var cut = ctx.Render<TrendChart>(p => p.Add(c => c.Title, "Energy").Add(c => c.Unit, "kWh")
            .Add(c => c.Points, Series(12.5m, null, 25m, 0m)).Add(c => c.Kind, TrendChartKind.Bar).Add(c => c.TestId, "chart"));

        var bars = cut.FindAll("rect.trend-bar");
        Assert.Equal(["12.5", "25", "0"], bars.Select(b => b.GetAttribute("data-value")));
        var heights = bars.Select(b => double.Parse(b.GetAttribute("height")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(heights[0] * 2, heights[1], 3);
        Assert.Contains("11-20: 12.5 kWh", cut.Markup);
        Assert.Contains("kWh", cut.Find("svg").TextContent);
    }

    [Fact]
    public async Task Render_LineWithAGap_IsBrokenWhereNothingWasMeasured()
    {
        await using var ctx = ComponentTestContext.Create("en");

        var cut = ctx.Render<TrendChart>(p => p.Add(c => c.Title, "Power").Add(c => c.Unit, "kW")
            .Add(c => c.Points, Series(1m, 2m, null, 3m, 4m)).Add(c => c.Kind, TrendChartKind.Line));

        var path = cut.Find("path.trend-line").GetAttribute("d")!;
        Assert.Equal(2, path.Split('M', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(2, path.Count(c => c == 'L'));
    }

    [Fact]
    public async Task Render_NegativeValues_AxisGoesBelowZero()
    {
        await using var ctx = ComponentTestContext.Create("en");

        var cut = ctx.Render<TrendChart>(p => p.Add(c => c.Title, "Balance").Add(c => c.Unit, "yuan")
            .Add(c => c.Points, Series(-40m, 10m, 120m)).Add(c => c.Kind, TrendChartKind.Line));

        var labels = cut.FindAll("svg text").Select(t => t.TextContent).ToList();
        Assert.Contains("-50", labels);
        Assert.Contains("150", labels);
        Assert.Contains("0", labels);
    }

    [Fact]
    public async Task Render_NothingMeasured_SaysSoInChinese()
    {
        await using var ctx = ComponentTestContext.Create("zh-CN");

        var cut = ctx.Render<TrendChart>(p => p.Add(c => c.Title, "功率").Add(c => c.Unit, "kW")
            .Add(c => c.Points, Series(null, null)).Add(c => c.TestId, "chart"));

        Assert.Equal("此期间尚无测量数据。", cut.Find("[data-testid=chart-empty]").TextContent);
        Assert.Empty(cut.FindAll("svg"));
    }

    [Theory]
    [InlineData(0.3, 0.5)]
    [InlineData(1.1, 2)]
    [InlineData(37, 50)]
    [InlineData(100, 100)]
    [InlineData(0, 1)]
    public void NiceStep_RoughStep_IsTheNextOneTwoOrFive(double rough, double expected) =>
        Assert.Equal(expected, TrendChart.NiceStep(rough), 6);
}
