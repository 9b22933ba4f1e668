using System.Threading.Channels;
using Prepaid.Acquisition.Polling;
using Prepaid.App.Kernel.Live;
using Prepaid.App.Kernel.Contracts;

namespace Prepaid.App.Readings;

/// <summary>
/// The path from the pollers' channel to the screens: readings are gathered for a short window into one batch,
/// processed and persisted in one transaction, then applied to the live cache, which notifies the views.
/// </summary>
public sealed class ReadingPipeline(ReadingProcessor processor, LiveStateCache cache, Prepaid.App.Kernel.Live.MeterInstantValues instant, TimeProvider time, ILogger<ReadingPipeline> logger)
{
    /// <summary>Called after each batch reached the cache, with the batch; the benchmark measures latency here.</summary>
    public Action<IReadOnlyList<AcquiredReading>>? BatchApplied { get; set; }

    public async Task RunAsync(ChannelReader<PolledReading> readings, int batchSize, TimeSpan window, CancellationToken cancellationToken)
    {
        var batch = new List<AcquiredReading>(batchSize);
        while (await WaitAsync(readings, cancellationToken))
        {
            // Fill the batch for a short window so that a bus cycle is written in one transaction, not one per meter.
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(window);
                try
                {
                    while (batch.Count < batchSize && await readings.WaitToReadAsync(timeout.Token))
                    {
                        while (batch.Count < batchSize && readings.TryRead(out var polled))
                        {
                            batch.Add(new AcquiredReading(polled.MeterId, polled.Reading));
                        }
                    }
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // The window closed: process what arrived.
                }
            }

            try
            {
                // Readings taken from the channel are written even when a stop arrives meanwhile: stops land between batches.
                var result = await processor.ProcessAsync(batch, CancellationToken.None);
                instant.Apply(batch);
                cache.Apply(result.States);
                BatchApplied?.Invoke(batch);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "A batch of {Count} readings could not be processed; they are dropped and the next readings rebuild the state", batch.Count);
                await Task.Delay(TimeSpan.FromSeconds(1), time, cancellationToken);
            }

            batch = new List<AcquiredReading>(batchSize);
        }
    }

    private static async Task<bool> WaitAsync(ChannelReader<PolledReading> reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.WaitToReadAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
