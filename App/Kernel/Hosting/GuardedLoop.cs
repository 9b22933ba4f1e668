namespace Prepaid.App.Kernel.Hosting;

/// <summary>
/// The one way a background loop runs: one iteration after another on the injected clock, and an iteration that
/// throws is logged and retried after a pause that doubles up to <see cref="MaxPause"/>, so one bad row or a
/// database hiccup never ends the loop. Cancellation ends it quietly.
/// </summary>
/// <param name="name">What the loop does, for the log ("platform billing").</param>
public sealed class GuardedLoop(string name, TimeProvider time, ILogger logger)
{
    /// <summary>The longest pause after repeated failures.</summary>
    public TimeSpan MaxPause { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Runs <paramref name="iteration"/> every <paramref name="period"/> until cancelled.</summary>
    public Task RunAsync(Func<CancellationToken, Task> iteration, TimeSpan period, CancellationToken cancellationToken) =>
        RunAsync(iteration, ct => Task.Delay(period, time, ct), period, cancellationToken);

    /// <summary>
    /// Runs <paramref name="iteration"/>, then awaits <paramref name="next"/> (a period, or a signal with a period as
    /// its timeout) before the next one; after a failure it waits the back-off pause instead, starting at
    /// <paramref name="firstPause"/>.
    /// </summary>
    public async Task RunAsync(Func<CancellationToken, Task> iteration, Func<CancellationToken, Task> next, TimeSpan firstPause, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(iteration);
        ArgumentNullException.ThrowIfNull(next);
        var pause = firstPause <= TimeSpan.Zero ? TimeSpan.FromSeconds(1) : firstPause;
        var failed = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await iteration(cancellationToken);
                pause = firstPause <= TimeSpan.Zero ? TimeSpan.FromSeconds(1) : firstPause;
                failed = false;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                pause = failed ? TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, MaxPause.Ticks)) : pause;
                failed = true;
                logger.LogError(ex, "{Loop} failed; next attempt in {Pause}", name, pause);
            }

            try
            {
                await (failed ? Task.Delay(pause, time, cancellationToken) : next(cancellationToken));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // A failing wait (a signal source that threw) must not end the loop either.
                logger.LogError(ex, "{Loop} could not wait for its next run; waiting {Pause}", name, pause);
                await Task.Delay(pause, time, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
