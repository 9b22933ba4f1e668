using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Prepaid.App.Identity.Throttling;
using Prepaid.App.Persistence.Entities;
using Prepaid.App.Tests.Support;
using Prepaid.Domain.Security;

namespace Prepaid.App.Tests.Identity;

/// <summary>
/// Sign-in posts are limited per client address before any account is looked at, so nobody can lock another
/// person's account by posting wrong passwords. The test hosts raise the limit; these tests set a low one.
/// </summary>
public sealed class SignInThrottleTests
{
    private const string Attacker = "203.0.113.7";
    private const string Colleague = "198.51.100.9";

    private static PrepaidAppFactory Factory(FakeTimeProvider clock, int permitLimit) => new()
    {
        Settings = new Dictionary<string, string>
        {
            ["Security:SignInThrottle:PermitLimit"] = permitLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Security:SignInThrottle:Window"] = "00:01:00",
        },
        TestServices = services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            services.AddSingleton<IStartupFilter, ClientAddressFromHeader>();
        },
    };

    private static HttpClient Client(PrepaidAppFactory factory, string address, string? accept = null, string? language = null)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(ClientAddressFromHeader.Header, address);
        if (accept is not null)
        {
            client.DefaultRequestHeaders.Accept.ParseAdd(accept);
        }

        if (language is not null)
        {
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        }

        return client;
    }

    [Fact]
    public async Task SignIn_MoreAttemptsThanTheLimit_AreRefusedWith429AndDoNotCountTowardLockout()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var factory = Factory(clock, permitLimit: 3);
        using var attacker = Client(factory, Attacker);
        await factory.CreateUserAsync("throttle-victim", "Throttle-Victim-2026", Roles.Manager);

        for (var i = 0; i < 3; i++)
        {
            var counted = await PrepaidAppFactory.SignInAsync(attacker, "throttle-victim", "Wrong-Password-1");
            Assert.Contains("error=invalid", counted.Headers.Location!.OriginalString);
        }

        // Without the throttle the next two would lock the account (five failures).
        for (var i = 0; i < 3; i++)
        {
            var throttled = await PrepaidAppFactory.SignInAsync(attacker, "throttle-victim", "Wrong-Password-1");
            Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
            Assert.Contains("Too many sign-in attempts", await throttled.Content.ReadAsStringAsync());
            Assert.True(throttled.Headers.RetryAfter?.Delta > TimeSpan.Zero, "a throttled answer says when to try again");
        }

        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PrepaidUser>>();
            var victim = (await users.FindByNameAsync("throttle-victim"))!;
            Assert.Equal(3, await users.GetAccessFailedCountAsync(victim));
            Assert.False(await users.IsLockedOutAsync(victim));
        }

        // Another address is not throttled by the first one's attempts.
        using var colleague = Client(factory, Colleague);
        var other = await PrepaidAppFactory.SignInAsync(colleague, "throttle-nobody", "Wrong-Password-1");
        Assert.Contains("error=invalid", other.Headers.Location!.OriginalString);

        // Once the window has passed on the host's clock, the address may sign in again, and the account is not locked.
        clock.Advance(TimeSpan.FromMinutes(1));
        var right = await PrepaidAppFactory.SignInAsync(attacker, "throttle-victim", "Throttle-Victim-2026");
        Assert.Equal("/", right.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task SignIn_ThrottledBrowserPost_ReturnsToTheLoginPageWithTheLocalizedMessage()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var factory = Factory(clock, permitLimit: 1);
        using var browser = Client(factory, Attacker, accept: "text/html,application/xhtml+xml", language: "zh-CN");
        await PrepaidAppFactory.SignInAsync(browser, "manager", "Wrong-Password-1", "/meters");

        var throttled = await PrepaidAppFactory.SignInAsync(browser, "manager", "Demo-Manager-2026", "/meters");

        Assert.Equal(HttpStatusCode.Redirect, throttled.StatusCode);
        Assert.Equal("/account/login?error=throttled&returnUrl=%2Fmeters", throttled.Headers.Location!.OriginalString);
        Assert.False(throttled.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("prepaid.auth", StringComparison.Ordinal)));
        var page = await browser.GetStringAsync(throttled.Headers.Location!.OriginalString);
        Assert.Contains("data-testid=\"login-error\"", page);
        Assert.Contains("登录尝试过于频繁", page);
    }

    [Fact]
    public void Start_BrokenThrottleSettings_FailsWithOneMessagePerRule()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Security:SignInThrottle:PermitLimit"] = "0",
            ["Security:SignInThrottle:Window"] = "-00:00:01",
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddSignInThrottle(configuration).BuildServiceProvider();

        // What the host runs at start for ValidateOnStart.
        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(2, error.Failures.Count());
        Assert.Contains(error.Failures, f => f.StartsWith("Security:SignInThrottle:PermitLimit must be at least 1", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Security:SignInThrottle:Window must be longer than zero", StringComparison.Ordinal));
    }

    [Fact]
    public void Start_DefaultThrottleSettings_AreValid()
    {
        using var services = new ServiceCollection().AddLogging().AddSignInThrottle(new ConfigurationBuilder().Build()).BuildServiceProvider();

        services.GetRequiredService<IStartupValidator>().Validate();

        var options = services.GetRequiredService<IOptions<SignInThrottleOptions>>().Value;
        Assert.Equal((10, TimeSpan.FromMinutes(1)), (options.PermitLimit, options.Window));
    }

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:bbbb::9", "2001:db8:1:2::/64")]
    public void ClientKey_Address_IsIPv4OrTheIPv6Network(string address, string expected) =>
        Assert.Equal(expected, SignInThrottle.ClientKey(IPAddress.Parse(address)));

    /// <summary>TestServer has no remote address: this one takes it from a header, so a test can be two clients.</summary>
    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public const string Header = "X-Test-Client-Address";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, following) =>
            {
                if (IPAddress.TryParse(http.Request.Headers[Header].ToString(), out var address))
                {
                    http.Connection.RemoteIpAddress = address;
                }

                return following(http);
            });
            next(app);
        };
    }
}
