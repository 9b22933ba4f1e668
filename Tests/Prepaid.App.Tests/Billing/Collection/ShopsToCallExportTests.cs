using System.Net;
using MiniExcelLibs;
using Prepaid.App.Tests.Support;

namespace Prepaid.App.Tests.Billing.Collection;

public sealed class ShopsToCallExportTests
{
    [Fact]
    public async Task Export_FinanceInChinese_GivesTheListWithChineseHeaders()
    {
        await using var factory = new PrepaidAppFactory();
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
        await using var factory = new PrepaidAppFactory();
        using var client = await factory.CreateSignedInClientAsync("electrician", "Demo-Electrician-2026");

        var response = await client.GetAsync("/billing/shops-to-call/export");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/denied", response.Headers.Location!.AbsolutePath);
    }
}
