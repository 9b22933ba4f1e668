using Quartz;

namespace Prepaid.App.Fees;

/// <summary>The 1st of each month at 00:10 site time (and once at start, to catch up): charges the months due.</summary>
[DisallowConcurrentExecution]
public sealed class PropertyFeeJob(PropertyFeeService service, ILogger<PropertyFeeJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            await service.RunDueAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The next trigger (or the next start's catch-up) finishes the month; the ledger keys keep it exactly once.
            logger.LogError(e, "The property fee run failed; it resumes at the next trigger or start");
        }
    }
}
