using System.Diagnostics;
using System.Globalization;

namespace Prepaid.App.Demo.History;

internal enum HistoryPhase
{
    Read,
    Process,
    Bill,
    Relay,
    Desk,
    Reconcile,
    Alarms,
}

/// <summary>Wall time spent per phase of the history, for the progress log (where a slow first start goes).</summary>
internal sealed class HistoryPhases
{
    private readonly TimeSpan[] _spent = new TimeSpan[Enum.GetValues<HistoryPhase>().Length];

    public async Task<T> TimeAsync<T>(HistoryPhase phase, Func<Task<T>> work)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            return await work();
        }
        finally
        {
            _spent[(int)phase] += Stopwatch.GetElapsedTime(start);
        }
    }

    public Task TimeAsync(HistoryPhase phase, Func<Task> work) => TimeAsync(phase, async () =>
    {
        await work();
        return true;
    });

    public override string ToString() =>
        string.Join(", ", Enum.GetValues<HistoryPhase>().Select(p => string.Create(CultureInfo.InvariantCulture, $"{p} {_spent[(int)p].TotalSeconds:0.0} s")));
}
