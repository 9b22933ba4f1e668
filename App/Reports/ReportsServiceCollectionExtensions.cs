using Prepaid.App.Alarms;
using Prepaid.App.Losses;
using Prepaid.App.Kernel.Reporting;
using Prepaid.App.Reports.Sources;
using Prepaid.App.Sharing;
using Prepaid.App.Kernel.Scheduling;

namespace Prepaid.App.Reports;

public static class ReportsServiceCollectionExtensions
{
    /// <summary>Report sources, the report store, the generator, the daily and monthly jobs and the download endpoint's services.</summary>
    public static IServiceCollection AddReports(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReportsOptions>()
            .Bind(configuration.GetSection(ReportsOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IReportSource, SalesReportSource>();
        services.AddSingleton<IReportSource, ShopPurchasesReportSource>();
        services.AddSingleton<IReportSource, EnergyAndMoneyReportSource>();
        services.AddSingleton<IReportSource, CommunicationFaultsReportSource>();
        services.AddSingleton<IReportSource, SharingStatementReportSource>();
        services.AddSingleton<IReportSource, LossReconciliationReportSource>();
        services.AddSingleton<IReportSource, AlarmKpiReportSource>();
        services.AddSingleton<ReportStore>();
        services.AddSingleton<ReportGenerator>();
        services.AddSingleton<ReportSchedule>();

        // AddSiteCronJob refuses an invalid cron expression at start, naming the job.
        var options = configuration.GetSection(ReportsOptions.SectionName).Get<ReportsOptions>() ?? new ReportsOptions();
        services.AddSiteCronJob<DailyReportsJob>("daily-reports", options.DailyCron, catchUpOnStart: true);
        services.AddSiteCronJob<MonthlyReportsJob>("monthly-reports", options.MonthlyCron, catchUpOnStart: true);
        return services;
    }
}
