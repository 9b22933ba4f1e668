using Microsoft.EntityFrameworkCore;
using Prepaid.App.Kernel.Hosting;
using Prepaid.App.Persistence;
using Quartz;

namespace Prepaid.App.Kernel.Scheduling;

/// <summary>
/// Schedules every <see cref="SiteCronJob"/> in the site's time zone once the database is ready (the zone is
/// a property of the site, so it cannot be known when services are registered), and fires the catch-up runs.
/// </summary>
internal sealed class SiteScheduleRegistrar(
    ISchedulerFactory schedulers,
    IEnumerable<SiteCronJob> jobs,
    IDbContextFactory<PrepaidDb> dbFactory,
    ILogger<SiteScheduleRegistrar> logger,
    IHostApplicationLifetime lifetime,
    StartGate startGate) : IHostedService
{
    /// <summary>Job data key set on the run fired at start-up.</summary>
    public const string CatchUpKey = "catch-up";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (startGate.IsOpen(StartStage.PastWritten))
        {
            return RegisterAsync(cancellationToken);
        }

        // Catch-up runs must not fire on the live clock while a demo history is still writing the past.
        _ = Task.Run(async () =>
        {
            try
            {
                await startGate.WaitAsync(StartStage.PastWritten, lifetime.ApplicationStopping);
                await RegisterAsync(lifetime.ApplicationStopping);
            }
            catch (OperationCanceledException)
            {
                // Stopped before the history finished.
            }
            catch (Exception e)
            {
                logger.LogError(e, "Scheduling the site jobs after the demo history failed");
            }
        }, CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task RegisterAsync(CancellationToken cancellationToken)
    {
        TimeZoneInfo zone;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            zone = await SiteTime.FirstSiteZoneAsync(db, cancellationToken);
        }

        var scheduler = await schedulers.GetScheduler(cancellationToken);
        foreach (var job in jobs)
        {
            var key = new JobKey(job.Name, "site");
            var detail = JobBuilder.Create().OfType(job.JobType).WithIdentity(key).StoreDurably().Build();
            var trigger = TriggerBuilder.Create()
                .WithIdentity(job.Name + "-cron", "site")
                .ForJob(key)
                .WithCronSchedule(job.CronExpression, c => c.InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.DoNothing))
                .Build();
            await scheduler.ScheduleJob(detail, [trigger], new ScheduleJobOptions { Replace = true }, cancellationToken);
            if (job.CatchUpOnStart)
            {
                await scheduler.TriggerJob(key, new JobDataMap { [CatchUpKey] = true }, cancellationToken);
            }

            logger.LogInformation("Scheduled {Job} at {Cron} in {Zone}; catch-up on start {CatchUp}",
                job.Name, job.CronExpression, zone.Id, job.CatchUpOnStart);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
