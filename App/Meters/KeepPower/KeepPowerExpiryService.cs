using Microsoft.Extensions.Options;
using Prepaid.App.Readings;
namespace Prepaid.App.Meters.KeepPower;

/// <summary>
/// Processes keep-power expiries every <see cref="KeepPowerOptions.ExpiryCheckInterval"/>. What to do is derived from
/// the table each time, so a restart (or a missed tick) only delays an expiry. Guarded: a failing iteration is
/// logged and the loop backs off, it never ends.
/// </summary>
public sealed class KeepPowerExpiryService(
    KeepPowerService keepPower,
    AcquisitionHostedService acquisition,
    IOptions<KeepPowerOptions> options,
    IOptions<AcquisitionServiceOptions> acquisitionOptions,
    TimeProvider time,
    ILogger<KeepPowerExpiryService> logger, Prepaid.App.Kernel.Hosting.DemoHistoryGate? historyGate = null) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (historyGate is not null)
        {
            // A demo history still writing the past in the background must finish before the live clock runs.
            await historyGate.WaitAsync(stoppingToken);
        }

        if (!options.Value.ExpiryEnabled)
        {
            return;
        }

        var interval = options.Value.ExpiryCheckInterval;
        var delay = interval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // While the buses start, a release would be refused for want of an engine: wait for them.
                if (!acquisitionOptions.Value.Enabled || acquisition.Engine is not null)
                {
                    var ended = await keepPower.ProcessExpiriesAsync(stoppingToken);
                    if (ended > 0)
                    {
                        logger.LogInformation("{Count} keep-power periods expired", ended);
                    }
                }

                delay = interval;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, interval.Ticks * 10));
                logger.LogError(ex, "Keep-power expiries could not be processed; next try in {Delay}", delay);
            }

            try
            {
                await Task.Delay(delay, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
