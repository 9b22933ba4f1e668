using System.Net;
using MiniExcelLibs;
using Prepaid.App.Tests.Support;

namespace Prepaid.App.Tests.Billing.Collection;

/// <summary>The shops-to-call export. One host for the class: its tests only read.</summary>
public sealed class ShopsToCallExportTests(PrepaidAppFactory factory) : IClassFixture<PrepaidAppFactory>
{
    [Fact]
    public async Task Export_FinanceInChinese_GivesTheListWithChineseHeaders()
    {
        using var client = await factory.CreateSignedInClientAsync("cashier", "Demo-Cashier-2026", "zh-CN");

        var response = await client.GetAsync("/billing/shops-to-call/export");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.NotEmpty(rows);
        Assert.Contains("原因", rows[0].Keys);
        Assert.Contains("可用金额", rows[0].Keys);
    }

    [Fact]
    public async Task Export_Electrician_IsRefused()
    {
        using var client = await factory.CreateSignedInClientAsync("electrician", "Demo-Electrician-2026");

        var response = await client.GetAsync("/billing/shops-to-call/export");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/denied", response.Headers.Location!.AbsolutePath);
    }
}
