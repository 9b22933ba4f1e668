using Quartz;

namespace Prepaid.App.Kernel.Scheduling;

public static class SchedulingServiceCollectionExtensions
{
    /// <summary>The Quartz scheduler (in memory: every job derives what it must do from the database, so
    /// nothing is lost with the scheduler's own state) and the registrar of the site's cron jobs.</summary>
    public static IServiceCollection AddScheduling(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(SchedulingOptions.SectionName).Get<SchedulingOptions>() ?? new SchedulingOptions();
        services.AddOptions<SchedulingOptions>().Bind(configuration.GetSection(SchedulingOptions.SectionName)).ValidateOnStart();
        services.AddQuartz();
        if (options.Enabled)
        {
            services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
            services.AddHostedService<SiteScheduleRegistrar>();
        }

        return services;
    }

    /// <summary>Registers a job that fires on <paramref name="cronExpression"/> in site time.</summary>
    public static IServiceCollection AddSiteCronJob<TJob>(this IServiceCollection services, string name, string cronExpression, bool catchUpOnStart)
        where TJob : class, IJob
    {
        try
        {
            _ = new CronExpression(cronExpression);
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"'{cronExpression}' is not a valid Quartz cron expression for job {name}: {e.Message}", nameof(cronExpression), e);
        }

        services.AddTransient<TJob>();
        services.AddSingleton(new SiteCronJob(name, typeof(TJob), cronExpression, catchUpOnStart));
        return services;
    }
}
