namespace Prepaid.App.Kernel.Commands;

/// <summary>
/// Waits until acquisition has gateways to send on, then has the commands a previous process left pending run again.
/// A site with no gateways (yet) is checked with a doubling wait, from <see cref="DefaultFirstCheck"/> up to
/// <see cref="DefaultMaxCheck"/>, instead of a tight loop; a configuration applied meanwhile
/// (<see cref="ConfigurationApplied"/>) ends the wait at once, so gateways added by a reload resume commands promptly.
/// </summary>
public sealed class PendingCommandResumer(TimeProvider time, TimeSpan? firstCheck = null, TimeSpan? maxCheck = null)
{
    /// <summary>The first wait: the engine applies its start configuration within it.</summary>
    public static readonly TimeSpan DefaultFirstCheck = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest wait between two checks while there is nothing to resume on.</summary>
    public static readonly TimeSpan DefaultMaxCheck = TimeSpan.FromSeconds(30);

    private readonly TimeSpan _first = firstCheck ?? DefaultFirstCheck;
    private readonly TimeSpan _max = maxCheck ?? DefaultMaxCheck;
    private readonly SemaphoreSlim _applied = new(0, 1);

    /// <summary>A configuration was applied to the engine: check for gateways now.</summary>
    public void ConfigurationApplied()
    {
        try
        {
            _applied.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled and not yet consumed: one wake-up is enough.
        }
    }

    /// <summary>Waits until <paramref name="hasGateways"/> is true, then runs <paramref name="resume"/> once and returns its count.</summary>
    public async Task<int> RunAsync(Func<bool> hasGateways, Func<CancellationToken, Task<int>> resume, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hasGateways);
        ArgumentNullException.ThrowIfNull(resume);
        var wait = _first;
        while (!hasGateways())
        {
            await WaitAsync(wait, cancellationToken);
            wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, _max.Ticks));
        }

        return await resume(cancellationToken);
    }

    private async Task WaitAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(wait, time, linked.Token);
        var applied = _applied.WaitAsync(linked.Token);
        await Task.WhenAny(delay, applied);
        await linked.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }
}
