using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Prepaid.App.Meters;
using Prepaid.App.Tests.Support;
using Prepaid.Domain.Model;

namespace Prepaid.App.Tests.Hosting;

/// <summary>The demo mall starts on a fresh database and answers. One host for the class: its tests only read.</summary>
public sealed class AppStartupTests(PrepaidAppFactory factory) : IClassFixture<PrepaidAppFactory>
{
    [Fact]
    public async Task Start_FreshDatabase_HomeAndHealthAnswer200()
    {
        using var client = await factory.CreateSignedInClientAsync();

        var home = await client.GetAsync("/");
        var health = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("都匀世纪广场", await home.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Start_FreshDatabase_CreatesSqliteFileInDataDirectory()
    {
        using var client = factory.CreateClient();

        await client.GetAsync("/health");

        Assert.True(File.Exists(Path.Combine(factory.DataFolder, "prepaid.db")));
    }

    [Fact]
    public async Task MetersList_DemoMall_PagesThroughEveryElectricityAndWaterMeter()
    {
        using var client = factory.CreateClient();
        var query = factory.Services.GetRequiredService<MeterListQuery>();

        var electricity = await ReadAllPages(query, MeterKind.Electricity);
        var water = await ReadAllPages(query, MeterKind.Water);

        // 300 shop + 50 public-area + 2 main incomer meters; 30 food-court water meters.
        Assert.Equal(352, electricity.Count);
        Assert.Equal(352, electricity.Distinct().Count());
        Assert.Equal(30, water.Count);
        Assert.Equal(30, water.Distinct().Count());
    }

    [Fact]
    public async Task MetersPage_Get_Answers200WithPrerenderedFilters()
    {
        using var client = await factory.CreateSignedInClientAsync();

        var html = await client.GetStringAsync("/meters");

        Assert.Contains("data-testid=\"meter-search\"", html);
        Assert.Contains("Billing mode", html);
    }

    [Fact]
    public async Task DiagnosticsPage_AcquisitionOff_SaysSo()
    {
        using var client = await factory.CreateSignedInClientAsync("electrician", "Demo-Electrician-2026");

        var html = await client.GetStringAsync("/diagnostics");

        Assert.Contains("data-testid=\"diag-off\"", html);
        Assert.Contains("Acquisition is switched off", html);
    }

    [Fact]
    public async Task UnknownPage_Get_AnswersNotFoundPage()
    {
        using var client = await factory.CreateSignedInClientAsync();

        var response = await client.GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync());
    }

    private static async Task<List<int>> ReadAllPages(MeterListQuery query, MeterKind kind)
    {
        var ids = new List<int>();
        for (var page = 0; ; page++)
        {
            var result = await query.GetPageAsync(new MeterListRequest(new MeterFilter(Kind: kind), page, 50), CancellationToken.None);
            ids.AddRange(result.Rows.Select(r => r.Id));
            if (result.Rows.Count < 50)
            {
                Assert.Equal(result.Total, ids.Count);
                return ids;
            }
        }
    }
}
