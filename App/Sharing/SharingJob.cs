using Quartz;

namespace Prepaid.App.Sharing;

/// <summary>The 1st of each month at 00:20 site time (and once at start): shares the months just ended.</summary>
[DisallowConcurrentExecution]
public sealed class SharingJob(SharingRunService service, ILogger<SharingJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            await service.RunDueAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "The public-area sharing run failed; it resumes at the next trigger or start");
        }
    }
}
