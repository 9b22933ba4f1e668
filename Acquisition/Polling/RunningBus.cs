using Microsoft.Extensions.Logging;

namespace Prepaid.Acquisition.Polling;

/// <summary>A bus poller the engine started: its loop's task and the token that stops it.</summary>
internal sealed class RunningBus
{
    private readonly CancellationTokenSource _cancellation;
    private readonly Task _loop;

    private RunningBus(BusPoller poller, CancellationTokenSource cancellation, Task loop)
    {
        Poller = poller;
        _cancellation = cancellation;
        _loop = loop;
    }

    public BusPoller Poller { get; }

    /// <summary>Starts a poller for <paramref name="bus"/>; it stops with <paramref name="stopping"/> or <see cref="StopAsync"/>.</summary>
    public static RunningBus Start(GatewayConfig gateway, BusConfig bus, IReadingSink readings, AcquisitionOptions options, ILogger<BusPoller> logger,
        CancellationToken stopping)
    {
        var poller = new BusPoller(gateway, bus, readings, options, logger);
        var cts = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var loop = Task.Run(() => poller.RunAsync(cts.Token), CancellationToken.None);
        return new RunningBus(poller, cts, loop);
    }

    /// <summary>Stops the loop and disposes the poller; a loop that ends badly is logged, never thrown.</summary>
    public async Task StopAsync(ILogger logger)
    {
        try
        {
            await _cancellation.CancelAsync().ConfigureAwait(false);
            await _loop.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            PollingLog.BusStopFailed(logger, ex, Poller.Gateway.Id, Poller.Bus.Id);
        }
        finally
        {
            await Poller.DisposeAsync().ConfigureAwait(false);
            _cancellation.Dispose();
        }
    }
}
