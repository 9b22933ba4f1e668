namespace Prepaid.App.Kernel.Contracts;

/// <summary>
/// Where readings that do not come from the pollers enter processing (a meter replacement's final reading): the
/// same state, interval, freeze and event rules as polled readings.
/// </summary>
public interface IReadingIntake
{
    /// <summary>Processes a batch; <paramref name="minimumWindow"/> overrides the shortest window an energy delta is judged over.</summary>
    Task<ProcessedBatch> ProcessAsync(IReadOnlyList<AcquiredReading> batch, CancellationToken cancellationToken, TimeSpan? minimumWindow = null);
}
