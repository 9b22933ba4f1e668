using Microsoft.Extensions.Options;
using Prepaid.App.Kernel.Contracts;
using Prepaid.App.Kernel.Hosting;

namespace Prepaid.App.Meters.KeepPower;

/// <summary>
/// Processes keep-power expiries every <see cref="KeepPowerOptions.ExpiryCheckInterval"/>. What to do is derived from
/// the table each time, so a restart (or a missed tick) only delays an expiry. Guarded: a failing iteration is
/// logged and the loop backs off, it never ends.
/// </summary>
public sealed class KeepPowerExpiryService(
    KeepPowerService keepPower,
    IAcquisitionAccess acquisition,
    IOptions<KeepPowerOptions> options,
    StartGate startGate,
    TimeProvider time,
    ILogger<KeepPowerExpiryService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await startGate.WaitAsync(StartStage.PastWritten, stoppingToken);
        if (!options.Value.ExpiryEnabled)
        {
            return;
        }

        var interval = options.Value.ExpiryCheckInterval;
        await new GuardedLoop("Keep-power expiry", time, logger) { MaxPause = interval * 10 }.RunAsync(async ct =>
        {
            // While the buses start, a release would be refused for want of an engine: wait for them.
            if (!acquisition.Enabled || acquisition.Engine is not null)
            {
                var ended = await keepPower.ProcessExpiriesAsync(ct);
                if (ended > 0)
                {
                    logger.LogInformation("{Count} keep-power periods expired", ended);
                }
            }
        }, interval, stoppingToken);
    }
}
