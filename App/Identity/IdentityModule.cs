using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Prepaid.App.Persistence;
using Prepaid.App.Persistence.Entities;
using Prepaid.Domain.Security;

using Prepaid.App.Kernel.Hosting;
using Prepaid.App.Kernel.Security;
using Prepaid.App.Identity.Throttling;
namespace Prepaid.App.Identity;

/// <summary>Sign-in, the cookie, users and roles, password rules and lockout, the first administrator.</summary>
public sealed class IdentityModule : IFeatureModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration) => services.AddPrepaidIdentity(configuration);

    public void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapAccountEndpoints();
}

public static class IdentityServiceCollectionExtensions
{
    public static IServiceCollection AddPrepaidIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SecurityOptions>()
            .Bind(configuration.GetSection(SecurityOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.KioskSessionLifetime > TimeSpan.Zero && o.LockoutDuration > TimeSpan.Zero && o.SessionIdleTimeout > TimeSpan.Zero && o.RevalidationInterval > TimeSpan.Zero,
                "Security durations must be positive.")
            .ValidateOnStart();
        var security = configuration.GetSection(SecurityOptions.SectionName).Get<SecurityOptions>() ?? new SecurityOptions();

        // Identity's EF stores resolve the context from the scope.
        services.AddScoped<PrepaidDb>(sp => sp.GetRequiredService<IDbContextFactory<PrepaidDb>>().CreateDbContext());
        services.AddIdentityCore<PrepaidUser>(o =>
            {
                o.Password.RequiredLength = security.PasswordMinLength;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = security.LockoutMaxFailedAttempts;
                o.Lockout.DefaultLockoutTimeSpan = security.LockoutDuration;
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<PrepaidDb>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<PrepaidClaimsFactory>();

        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.AccessDeniedPath = "/account/denied";
            o.ExpireTimeSpan = security.SessionIdleTimeout;
            o.SlidingExpiration = true;
            o.Cookie.Name = "prepaid.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            // Hub clients are programs, not browsers: they get a status code instead of the login page.
            o.Events.OnRedirectToLogin = context => Answer(context, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => Answer(context, StatusCodes.Status403Forbidden);
        });
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = security.RevalidationInterval);

        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingAuthenticationStateProvider>();
        services.AddSingleton<IdentitySeeder>();
        services.AddSingleton<IStartupTask, RoleSeedTask>();
        services.AddSingleton<IStartupTask, AdministratorSeedTask>();
        services.AddSingleton<DecoyPasswordHash>();
        services.AddSignInThrottle(configuration);
        services.AddScoped<UserAdministration>();
        services.AddScoped<Landing.PageAccess>();
        return services;
    }

    private static Task Answer(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/hubs"))
        {
            // The status is the answer: the HTML error pages must not turn it into a page (or a login redirect).
            if (context.HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages)
            {
                pages.Enabled = false;
            }

            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }

    /// <summary>Sends a user who must change the password to that page, whatever else was asked for.</summary>
    public static IApplicationBuilder UsePasswordChangeEnforcement(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var path = http.Request.Path;
        if (http.User.HasClaim(PrepaidClaimsFactory.MustChangePasswordClaim, "true")
            && !path.StartsWithSegments("/account")
            && !path.StartsWithSegments("/_framework")
            && !path.StartsWithSegments("/_content")
            && !path.StartsWithSegments("/css")
            && !path.StartsWithSegments("/js")
            && !path.StartsWithSegments("/health")
            && !path.StartsWithSegments("/culture"))
        {
            http.Response.Redirect("/account/change-password");
            return;
        }

        await next(http);
    });
}
