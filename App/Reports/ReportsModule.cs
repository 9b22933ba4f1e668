using Prepaid.App.Kernel.Hosting;
using Prepaid.App.Kernel.Reporting;
using Prepaid.App.Kernel.Scheduling;
using Prepaid.App.Reports.Sources;

namespace Prepaid.App.Reports;

/// <summary>The report store, the generator, the daily and monthly jobs, the download endpoint and the reports
/// of sales, purchases, energy and money and communication faults (other features add their own sources).</summary>
public sealed class ReportsModule : IFeatureModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReportsOptions>()
            .Bind(configuration.GetSection(ReportsOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IReportSource, SalesReportSource>();
        services.AddSingleton<IReportSource, ShopPurchasesReportSource>();
        services.AddSingleton<IReportSource, EnergyAndMoneyReportSource>();
        services.AddSingleton<IReportSource, CommunicationFaultsReportSource>();
        services.AddSingleton<ReportStore>();
        services.AddSingleton<ReportGenerator>();
        services.AddSingleton<ReportSchedule>();

        // AddSiteCronJob refuses an invalid cron expression at start, naming the job.
        var options = configuration.GetSection(ReportsOptions.SectionName).Get<ReportsOptions>() ?? new ReportsOptions();
        services.AddSiteCronJob<DailyReportsJob>("daily-reports", options.DailyCron, catchUpOnStart: true);
        services.AddSiteCronJob<MonthlyReportsJob>("monthly-reports", options.MonthlyCron, catchUpOnStart: true);
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapReportDownloads();
}
