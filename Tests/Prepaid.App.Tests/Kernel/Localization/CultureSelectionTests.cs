using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Prepaid.App.Tests.Support;

namespace Prepaid.App.Tests.Kernel.Localization;

/// <summary>The culture chosen by header, cookie or endpoint. One host for the class: its tests only read (and each
/// keeps its choice in its own client).</summary>
public sealed class CultureSelectionTests(PrepaidAppFactory factory) : IClassFixture<PrepaidAppFactory>
{
    [Fact]
    public async Task Home_AcceptLanguageChinese_RendersChineseNavigation()
    {
        using var client = await factory.CreateSignedInClientAsync(acceptLanguage: "zh-CN");

        var html = await client.GetStringAsync("/");

        Assert.Contains("站点概览", html);
        Assert.Contains("lang=\"zh-CN\"", html);
    }

    [Fact]
    public async Task Home_NoPreference_UsesTheConfiguredDefaultCulture()
    {
        using var client = await factory.CreateSignedInClientAsync();

        var html = await client.GetStringAsync("/");

        Assert.Contains("Site overview", html);
    }

    [Fact]
    public async Task CultureEndpoint_SupportedCulture_SetsCookieAndRedirectsBack()
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/culture?name=zh-CN&redirect=%2Fmeters");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/meters", response.Headers.Location?.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.Contains(".AspNetCore.Culture=c%3Dzh-CN%7Cuic%3Dzh-CN", cookie);
    }

    [Fact]
    public async Task CultureCookie_OverridesAcceptLanguage()
    {
        using var client = await factory.CreateSignedInClientAsync(acceptLanguage: "en-US");
        await client.GetAsync("/culture?name=zh-CN&redirect=%2Fmeters");

        var html = await client.GetStringAsync("/meters");

        Assert.Contains("计费方式", html);
    }

    [Theory]
    [InlineData("/culture?name=fr-FR&redirect=%2F")]
    [InlineData("/culture")]
    public async Task CultureEndpoint_UnsupportedCulture_IsRefusedWithoutCookie(string url)
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Contains("Unsupported culture", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("https%3A%2F%2Fevil.example%2F")]
    [InlineData("%2F%2Fevil.example")]
    public async Task CultureEndpoint_ExternalRedirect_GoesHomeInstead(string redirect)
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync($"/culture?name=en&redirect={redirect}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }
}
