using System.Diagnostics;
namespace Prepaid.Tests.Shared;

/// <summary>
/// The one wait of the tests: checks a condition until it holds or a deadline passes, then fails with what was awaited.
/// It never repeats an action, only looks again, so it cannot hide a flaky result.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string because)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException($"Waited {timeout.TotalSeconds:0.#} s until {because}; it never happened.");
            }

            await Task.Delay(Poll);
        }
    }

    public static Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string because) =>
        WaitUntilAsync(() => Task.FromResult(condition()), timeout, because);
}
