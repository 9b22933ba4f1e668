using Prepaid.App.Tests.Support;

namespace Prepaid.App.Tests.Hosting;

/// <summary>Security headers and no inline script. One host for the class: its tests only read.</summary>
public sealed class SecurityHeadersTests(PrepaidAppFactory factory) : IClassFixture<PrepaidAppFactory>
{
    [Theory]
    [InlineData("/account/login")]
    [InlineData("/health")]
    [InlineData("/")]
    public async Task Response_AnyPage_CarriesTheSecurityHeaders(string path)
    {
        using var client = await factory.CreateSignedInClientAsync();

        var response = await client.GetAsync(path);

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("script-src 'self';", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task Pages_Html_HasNoInlineScript()
    {
        using var client = await factory.CreateSignedInClientAsync();

        foreach (var path in new[] { "/", "/meters", "/account/login" })
        {
            var html = await client.GetStringAsync(path);
            Assert.DoesNotMatch("<script(?![^>]*\\ssrc=)[^>]*>", html);
        }
    }
}
