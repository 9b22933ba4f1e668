using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace Prepaid.App.Tests.Support;

/// <summary>
/// Moves a <see cref="FakeTimeProvider"/> forward with real time, for a whole live host (simulator, pollers, command
/// runner, background loops) that must keep running on that clock while the test jumps it: every 10 ms the pump
/// advances the clock by the real time that passed, and the test's own <see cref="FakeTimeProvider.Advance"/> adds a
/// jump on top (a keep-power period falls due at once, and the waits it passes over end). The only helper of its kind:
/// every other test drives its <see cref="FakeTimeProvider"/> by hand.
/// </summary>
internal sealed class RealTimePump : IAsyncDisposable
{
    private static readonly TimeSpan Beat = TimeSpan.FromMilliseconds(10);

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;

    private RealTimePump(FakeTimeProvider clock) => _run = Task.Run(() => RunAsync(clock, _stop.Token));

    /// <summary>Starts moving <paramref name="clock"/>; disposing stops it.</summary>
    public static RealTimePump Start(FakeTimeProvider clock) => new(clock);

    private static async Task RunAsync(FakeTimeProvider clock, CancellationToken cancellationToken)
    {
        using var beat = new PeriodicTimer(Beat);
        var last = Stopwatch.GetTimestamp();
        try
        {
            while (await beat.WaitForNextTickAsync(cancellationToken))
            {
                // The timers that fall due fire on this thread, inside Advance.
                var now = Stopwatch.GetTimestamp();
                clock.Advance(Stopwatch.GetElapsedTime(last, now));
                last = now;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _run;
        _stop.Dispose();
    }
}
