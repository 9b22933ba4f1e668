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
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

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
