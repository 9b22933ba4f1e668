using Microsoft.Extensions.Options;
using Quartz;

namespace Prepaid.App.Billing.MeterBilling;

/// <summary>When this process's prepaid control started (the reconciliation waits for fresh readings after it).</summary>
public sealed record BillingStartTime(DateTimeOffset At);

/// <summary>
/// The nightly reconciliation (02:30 site time by default, and once at start to catch up a missed night). After a
/// start it first waits <see cref="MeterBillingOptions.ReconciliationWarmUp"/> so that every meter has been polled
/// again: readings from before the stop would otherwise all look stale.
/// </summary>
public sealed class ReconciliationJob(
    MeterReconciler reconciler, BillingStartTime started, IOptions<MeterBillingOptions> options, TimeProvider time, ILogger<ReconciliationJob> logger) : IJob
{
    public const string Name = "meter-reconciliation";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var wait = started.At + options.Value.ReconciliationWarmUp - time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken);
        }

        var run = await reconciler.RunAsync(cancellationToken);
        logger.LogInformation("Reconciliation of {RunDate}: {Meters} meters compared, {Skipped} already done, {Discrepancies} discrepancies",
            run.RunDate, run.Meters, run.Skipped, run.Discrepancies.Count);
    }
}
