using Microsoft.Extensions.Options;
using Prepaid.App.Kernel.Hosting;

namespace Prepaid.App.Billing.Platform;

/// <summary>Charges platform-billing meters' closed intervals every <see cref="PlatformBillingOptions.Period"/>; the first
/// run after a start catches up every interval recorded while the process was down. A failed run is logged and retried
/// with a growing pause.</summary>
public sealed class PlatformBillingService(PlatformBiller biller, IOptions<PlatformBillingOptions> options, StartGate startGate, TimeProvider time, ILogger<PlatformBillingService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await startGate.WaitAsync(StartStage.PastWritten, stoppingToken);
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        await new GuardedLoop("Platform billing", time, logger).RunAsync(async ct =>
        {
            var run = await biller.BillAsync(ct);
            if (run.EntriesPosted > 0 || run.MetersFailed > 0)
            {
                logger.LogInformation("Platform billing: {Intervals} intervals of {Meters} meters, {Posted} entries, {Charged} yuan, {Failed} meters failed",
                    run.IntervalsCharged, run.Meters, run.EntriesPosted, run.Charged, run.MetersFailed);
            }
        }, settings.Period, stoppingToken);
    }
}
