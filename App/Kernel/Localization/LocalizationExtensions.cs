using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Options;

namespace Prepaid.App.Kernel.Localization;

public static class LocalizationExtensions
{
    public static IServiceCollection AddPrepaidLocalization(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddLocalization();
        services.AddOptions<UiLocalizationOptions>()
            .Bind(configuration.GetSection(UiLocalizationOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<RequestLocalizationOptions>().Configure<IOptions<UiLocalizationOptions>>((o, ui) =>
        {
            o.SetDefaultCulture(ui.Value.DefaultCulture)
                .AddSupportedCultures(UiLocalizationOptions.SupportedCultures)
                .AddSupportedUICultures(UiLocalizationOptions.SupportedCultures);
            // The cookie (the user's explicit choice) wins over the browser's language; no query-string switch.
            o.RequestCultureProviders =
            [
                new CookieRequestCultureProvider(),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
        });
        return services;
    }

    public static IApplicationBuilder UsePrepaidLocalization(this IApplicationBuilder app) => app.UseRequestLocalization();

    /// <summary>
    /// <c>GET /culture?name=zh-CN&amp;redirect=/meters</c> stores the choice in the culture cookie and goes back.
    /// A Blazor circuit keeps the culture it started with, so the switch reloads the page.
    /// </summary>
    public static IEndpointRouteBuilder MapCultureEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/culture", (string? name, string? redirect, HttpContext http) =>
        {
            if (name is null || !UiLocalizationOptions.SupportedCultures.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                return Results.BadRequest($"Unsupported culture '{name}'. Supported: {string.Join(", ", UiLocalizationOptions.SupportedCultures)}.");
            }

            http.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(name)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
            var target = string.IsNullOrEmpty(redirect) || !Uri.IsWellFormedUriString(redirect, UriKind.Relative) || redirect.StartsWith("//", StringComparison.Ordinal)
                ? "/"
                : redirect;
            return Results.LocalRedirect(target.StartsWith('/') ? target : "/" + target);
        }).AllowAnonymous();
        return endpoints;
    }
}
