using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Prepaid.App.Kernel.Localization;

namespace Prepaid.App.Identity.Throttling;

/// <summary>
/// The sign-in post's rate limit (ASP.NET Core rate limiting), partitioned by client address. A refused post never
/// reaches the sign-in endpoint, so it changes nothing: no user is looked up and no failure counts toward a lockout.
/// A browser goes back to the login page with a message; any other client gets 429 with the message and Retry-After.
/// </summary>
public sealed class SignInThrottle(IOptions<SignInThrottleOptions> options, TimeProvider time) : IRateLimiterPolicy<string>
{
    public const string PolicyName = "sign-in";

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => RejectAsync;

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        RateLimitPartition.Get(ClientKey(httpContext.Connection.RemoteIpAddress),
            _ => new ClockWindowLimiter(options.Value.PermitLimit, options.Value.Window, time));

    /// <summary>
    /// The address a limit applies to: IPv4 as is (mapped IPv6 included), IPv6 by its /64 network, which one client
    /// usually holds whole and could otherwise rotate through.
    /// </summary>
    public static string ClientKey(IPAddress? address)
    {
        if (address is null)
        {
            return "";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        http.RequestServices.GetRequiredService<ILogger<SignInThrottle>>()
            .LogWarning("Sign-in post from {Address} refused: too many attempts from this address", ClientKey(http.Connection.RemoteIpAddress));
        if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            http.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }

        if (http.Request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true))
        {
            http.Response.Redirect($"/account/login?error=throttled&returnUrl={Uri.EscapeDataString(await ReturnUrlAsync(http.Request, cancellationToken))}");
            return;
        }

        var l = http.RequestServices.GetRequiredService<IStringLocalizer<Strings>>();
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.ContentType = "text/plain; charset=utf-8";
        await http.Response.WriteAsync(l["Account.Error.throttled"], cancellationToken);
    }

    // The login form is small; a large body is not read for a refused post.
    private static async Task<string> ReturnUrlAsync(HttpRequest request, CancellationToken cancellationToken) =>
        request.HasFormContentType && request.ContentLength is <= 16 * 1024
            ? AccountEndpoints.SafeReturnUrl((await request.ReadFormAsync(cancellationToken))["ReturnUrl"].ToString())
            : "/";
}

public static class SignInThrottleExtensions
{
    public static IServiceCollection AddSignInThrottle(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SignInThrottleOptions>().Bind(configuration.GetSection(SignInThrottleOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SignInThrottleOptions>, SignInThrottleOptionsValidator>();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy<string, SignInThrottle>(SignInThrottle.PolicyName);
        });
        return services;
    }
}
