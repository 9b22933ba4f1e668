using Microsoft.Extensions.DependencyInjection;
using Prepaid.App.Kernel.Scheduling;
using Quartz;

namespace Prepaid.App.Tests.Kernel.Scheduling;

public sealed class SchedulingTests
{
    private sealed class NoJob : IJob
    {
        public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }

    [Fact]
    public void AddSiteCronJob_InvalidCron_ThrowsNamingTheJob()
    {
        var services = new ServiceCollection();
        var error = Assert.Throws<ArgumentException>(() => services.AddSiteCronJob<NoJob>("daily-report", "every day at five", catchUpOnStart: true));
        Assert.Contains("daily-report", error.Message);
    }

    [Fact]
    public void AddSiteCronJob_ValidCron_RegistersJobAndSchedule()
    {
        var services = new ServiceCollection();
        services.AddSiteCronJob<NoJob>("property-fee", "0 10 0 1 * ?", catchUpOnStart: true);
        var job = Assert.Single(services.BuildServiceProvider().GetServices<SiteCronJob>());
        Assert.Equal(("property-fee", typeof(NoJob), true), (job.Name, job.JobType, job.CatchUpOnStart));
    }
}
