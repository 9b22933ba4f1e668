using Quartz;

namespace Prepaid.App.Losses;

/// <summary>Every night at 00:40 site time (and once at start): checks yesterday's losses.</summary>
[DisallowConcurrentExecution]
public sealed class LossCheckJob(LossCheckService service, ILogger<LossCheckJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            await service.CheckYesterdayAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "The loss check failed; it runs again at the next trigger");
        }
    }
}
