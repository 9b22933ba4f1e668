using Prepaid.App.Identity;
using Prepaid.App.Identity.Landing;
using Prepaid.App.Kernel;
using Prepaid.App.Kernel.Localization;
using Prepaid.App.Persistence;
using Prepaid.App.Shell;

namespace Prepaid.App.Hosting;

/// <summary>Builds and runs the web application; the kernel, then every feature module, register themselves.</summary>
public static class ServerHost
{
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var app = Build(args);
        await app.RunAsync(cancellationToken);
        return 0;
    }

    public static WebApplication Build(string[] args)
    {
        // The content root is where the binaries are, wherever the process was started: appsettings.json is
        // copied there, and wwwroot is there after publish. A build output (dotnet run, Development) serves
        // wwwroot and the packages' assets through the static web assets manifest instead.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });

        builder.Services.AddPersistence(builder.Configuration);
        builder.Services.AddKernel(builder.Configuration);
        foreach (var module in FeatureModules.All)
        {
            module.AddServices(builder.Services, builder.Configuration);
        }

        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddHostedService<DatabaseStartup>();
        SqliteInstanceLock.Register(builder.Services, builder.Configuration);
        builder.Services.AddPrepaidHealth();
        builder.Services.AddStartupBanner();

        var app = builder.Build();
        // The demo is what strangers try first: it answers a failure with the production error page (a request id, no
        // stack trace with source paths) in every environment, Development included.
        if (!app.Environment.IsDevelopment() || app.Configuration.GetValue<bool>("Demo:Enabled"))
        {
            app.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandlingPath = "/error",
                CreateScopeForErrors = true,
                // A malformed request (a form without its antiforgery token) stays a 400, not a server error.
                StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
            });
        }

        // A malformed request (a form without its antiforgery token, an unreadable body) is the client's mistake: it is
        // answered with its 400 and one sentence, before the error page (which a re-executed POST could not render).
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (BadHttpRequestException bad) when (!context.Response.HasStarted)
            {
                context.Response.Clear();
                context.Response.StatusCode = bad.StatusCode;
                context.Response.ContentType = "text/plain; charset=utf-8";
                var text = context.RequestServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<Kernel.Localization.Strings>>();
                await context.Response.WriteAsync(text["Error.BadRequest"].Value);
            }
        });

        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.UseSecurityHeaders();
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UsePrepaidLocalization();
        // After localization (a refused sign-in answers in the user's language), before anything reads a user.
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseLandingRedirect();
        app.UseAuthorization();
        app.UsePasswordChangeEnforcement();
        app.UseAntiforgery();
        app.MapStaticAssets().AllowAnonymous();
        app.MapPrepaidHealth();
        app.MapCultureEndpoint();
        foreach (var module in FeatureModules.All)
        {
            module.MapEndpoints(app);
        }

        app.MapRazorComponents<AppRoot>().AddInteractiveServerRenderMode();
        return app;
    }
}
