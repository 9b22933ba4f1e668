using Quartz;

namespace Prepaid.App.Billing.MeterBilling;

/// <summary>The nightly reconciliation (02:30 site time by default, and once at start to catch up a missed night).</summary>
public sealed class ReconciliationJob(MeterReconciler reconciler, ILogger<ReconciliationJob> logger) : IJob
{
    public const string Name = "meter-reconciliation";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var run = await reconciler.RunAsync(cancellationToken);
        logger.LogInformation("Reconciliation of {RunDate}: {Meters} meters compared, {Skipped} already done, {Discrepancies} discrepancies",
            run.RunDate, run.Meters, run.Skipped, run.Discrepancies.Count);
    }
}
