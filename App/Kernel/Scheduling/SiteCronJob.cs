namespace Prepaid.App.Kernel.Scheduling;

/// <summary>
/// A job that fires on a cron schedule read in the site's time zone ("00:10 on the 1st" means site time,
/// whatever the server's zone). Registered with <see cref="SchedulingServiceCollectionExtensions.AddSiteCronJob{TJob}"/>.
/// </summary>
/// <param name="Name">Quartz job key, unique.</param>
/// <param name="JobType">The <see cref="Quartz.IJob"/> to run.</param>
/// <param name="CronExpression">Quartz cron (seconds first), for example <c>0 10 0 1 * ?</c>.</param>
/// <param name="CatchUpOnStart">Also run once when the server starts, so that a job that finds the periods it
/// missed while the server was down produces them. The job itself must be idempotent per period.</param>
public sealed record SiteCronJob(string Name, Type JobType, string CronExpression, bool CatchUpOnStart);
