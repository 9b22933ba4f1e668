using Microsoft.Extensions.Options;

namespace Prepaid.App.Billing.Platform;

/// <summary>Charges platform-billing meters' closed intervals every <see cref="PlatformBillingOptions.Period"/>; the first
/// run after a start catches up every interval recorded while the process was down. A failed run is logged and retried
/// with a growing pause.</summary>
public sealed class PlatformBillingService(PlatformBiller biller, IOptions<PlatformBillingOptions> options, TimeProvider time, ILogger<PlatformBillingService> logger, Prepaid.App.Kernel.Hosting.DemoHistoryGate? historyGate = null)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (historyGate is not null)
        {
            // A demo history still writing the past in the background must finish before the live clock runs.
            await historyGate.WaitAsync(stoppingToken);
        }

        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        var pause = settings.Period;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var run = await biller.BillAsync(stoppingToken);
                if (run.EntriesPosted > 0 || run.MetersFailed > 0)
                {
                    logger.LogInformation("Platform billing: {Intervals} intervals of {Meters} meters, {Posted} entries, {Charged} yuan, {Failed} meters failed",
                        run.IntervalsCharged, run.Meters, run.EntriesPosted, run.Charged, run.MetersFailed);
                }

                pause = settings.Period;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromMinutes(10).Ticks));
                logger.LogError(ex, "Platform billing run failed; next attempt in {Pause}", pause);
            }

            try
            {
                await Task.Delay(pause, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
