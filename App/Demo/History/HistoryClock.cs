namespace Prepaid.App.Demo.History;

/// <summary>The simulated clock the demo history runs on: every service built for the history reads its time here,
/// so entries, readings and journals carry the simulated instant, not the wall clock.</summary>
public sealed class HistoryClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    /// <summary>Moves the clock forward (never back).</summary>
    public void Set(DateTimeOffset now)
    {
        if (now < _now)
        {
            throw new ArgumentOutOfRangeException(nameof(now), $"The history clock cannot go back from {_now:O} to {now:O}.");
        }

        _now = now;
    }
}
