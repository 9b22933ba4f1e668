using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Prepaid.App.Persistence;
using Prepaid.App.Tests.Support;
using Prepaid.Domain.Model;

namespace Prepaid.App.Tests.Meters;

/// <summary>The meters export. One host for the class: its tests only read.</summary>
public sealed class MeterExportTests(PrepaidAppFactory factory) : IClassFixture<PrepaidAppFactory>
{
    [Fact]
    public async Task Export_SelectedIdsAndAllMatching_GivesOneRowPerMeterWithLiveColumns()
    {
        using var client = await factory.CreateSignedInClientAsync("electrician", "Demo-Electrician-2026");
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<PrepaidDb>>().CreateDbContextAsync();
        var ids = await db.Meters.OrderBy(m => m.Id).Select(m => m.Id).Take(3).ToListAsync();
        var water = await db.Meters.CountAsync(m => m.Kind == MeterKind.Water);

        var selected = await client.GetAsync("/meters/export?ids=" + string.Join(",", ids));
        var all = await client.GetByteArrayAsync("/meters/export?all=true&kind=Water");

        Assert.Equal(HttpStatusCode.OK, selected.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", selected.Content.Headers.ContentType?.MediaType);
        await using var stream = new MemoryStream(await selected.Content.ReadAsByteArrayAsync());
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(3, rows.Count);
        Assert.Contains("Power (kW)", rows[0].Keys);
        Assert.Contains("Supply", rows[0].Keys);
        Assert.All(rows, r => Assert.Equal("No data", r["Data"]));
        await using var allStream = new MemoryStream(all);
        Assert.Equal(water, allStream.Query(useHeaderRow: true).Count());
    }

    [Theory]
    [InlineData("/meters/export")]
    [InlineData("/meters/export?ids=1,x")]
    public async Task Export_NoOrBadIds_IsRefusedWithItsReason(string url)
    {
        using var client = await factory.CreateSignedInClientAsync();

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("ids=1,2,3", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Export_Cashier_IsRefused()
    {
        using var client = await factory.CreateSignedInClientAsync("cashier", "Demo-Cashier-2026");

        var response = await client.GetAsync("/meters/export?ids=1");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/denied", response.Headers.Location!.AbsolutePath);
    }
}
