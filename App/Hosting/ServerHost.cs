using Prepaid.App.Alarms;
using Prepaid.App.Audit;
using Prepaid.App.Billing;

using Prepaid.App.Shell;
using Prepaid.App.Configuration;
using Prepaid.App.Demo;

using Prepaid.App.Identity;

using Prepaid.App.Meters;
using Prepaid.App.Persistence;
using Prepaid.App.Readings;
using Prepaid.App.Reports;

using Prepaid.App.Simulation;
using Prepaid.App.Accounts.Desk;
using Prepaid.App.Fees;
using Prepaid.App.Kernel.Localization;
using Prepaid.App.Kernel.Scheduling;
using Prepaid.App.Kernel.Ui;
using Prepaid.App.Meters.Commands;
using Prepaid.App.Wall;

namespace Prepaid.App.Hosting;

/// <summary>Builds and runs the web application; each area registers itself through its own AddX.</summary>
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

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddPersistence(builder.Configuration);
        builder.Services.AddDemo(builder.Configuration);
        builder.Services.AddPrepaidIdentity(builder.Configuration);
        builder.Services.AddDatabaseStartup();
        builder.Services.AddSimulator(builder.Configuration);
        builder.Services.AddLiveState();
        builder.Services.AddAcquisition(builder.Configuration);
        builder.Services.AddAlarms(builder.Configuration);
        builder.Services.AddPrepaidConfiguration(builder.Configuration);
        builder.Services.AddScheduling(builder.Configuration);
        builder.Services.AddBilling();
        builder.Services.AddFeesSharingAndReplacement(builder.Configuration);
        builder.Services.AddPrepaidControl(builder.Configuration);
        builder.Services.AddBillingAlarms();
        builder.Services.AddReports(builder.Configuration);
        builder.Services.AddCashier();
        builder.Services.AddMeterOperations(builder.Configuration);
        builder.Services.AddPrepaidLocalization(builder.Configuration);
        builder.Services.AddPrepaidHealth();
        builder.Services.AddPrepaidUi();
        builder.Services.AddStartupBanner();

        var app = builder.Build();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.UseSecurityHeaders();
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UsePrepaidLocalization();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UsePasswordChangeEnforcement();
        app.UseAntiforgery();
        app.MapStaticAssets().AllowAnonymous();
        app.MapPrepaidHealth();
        app.MapCultureEndpoint();
        app.MapAccountEndpoints();
        app.MapAuditExport();
        app.MapCashierEndpoints();
        app.MapAlarms();
        app.MapConfigurationEndpoints();
        app.MapReportDownloads();
        app.MapLiveState();
        app.MapMeterExport();
        app.MapRazorComponents<AppRoot>().AddInteractiveServerRenderMode();
        return app;
    }
}
