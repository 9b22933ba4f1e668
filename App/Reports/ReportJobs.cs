using Quartz;

namespace Prepaid.App.Reports;

/// <summary>00:05 site time: the previous day's reports, and any day missed within the catch-up bound.</summary>
[DisallowConcurrentExecution]
internal sealed class DailyReportsJob(ReportSchedule schedule, ILogger<DailyReportsJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await ReportJobRun.RunAsync(schedule, ScheduleCadence.Daily, logger, cancellationToken);
}

/// <summary>00:15 on the 1st, site time: the previous month's reports, and any month missed within the bound.</summary>
[DisallowConcurrentExecution]
internal sealed class MonthlyReportsJob(ReportSchedule schedule, ILogger<MonthlyReportsJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await ReportJobRun.RunAsync(schedule, ScheduleCadence.Monthly, logger, cancellationToken);
}

internal static class ReportJobRun
{
    public static async Task RunAsync(ReportSchedule schedule, ScheduleCadence cadence, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            await schedule.RunAsync(cadence, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The scheduler keeps the trigger; the next firing (or start) catches up.
            logger.LogError(ex, "The {Cadence} report run failed", cadence);
        }
    }
}
