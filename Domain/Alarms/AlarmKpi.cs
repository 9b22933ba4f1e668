using Prepaid.Domain.Model;

namespace Prepaid.Domain.Alarms;

/// <summary>Thresholds for the alarm KPIs; defaults: the targets in Domain/Alarms/README.md.</summary>
public sealed record AlarmKpiOptions
{
    /// <summary>The rate interval: alarms are counted per 10 minutes.</summary>
    public TimeSpan RateInterval { get; init; } = TimeSpan.FromMinutes(10);
    /// <summary>The sliding window for floods.</summary>
    public TimeSpan FloodWindow { get; init; } = TimeSpan.FromMinutes(10);
    /// <summary>A flood starts when the window holds more than this many alarms.</summary>
    public int FloodStartAbove { get; init; } = 10;
    /// <summary>A flood ends when the window holds fewer than this many alarms.</summary>
    public int FloodEndBelow { get; init; } = 5;
    /// <summary>An alarm whose condition stays active longer than this is standing.</summary>
    public TimeSpan StandingAfter { get; init; } = TimeSpan.FromHours(24);
    /// <summary>How many top sources and alarms to list.</summary>
    public int TopCount { get; init; } = 10;
    /// <summary>The operator position responsible for an alarm; null puts every alarm on one position.</summary>
    public Func<AlarmKey, string>? PositionOf { get; init; }
}

/// <summary>Alarm rate of one operator position over the period.</summary>
/// <param name="Position">The position (<see cref="AlarmKpi.AllPositions"/> for the whole site).</param>
/// <param name="Count">Alarms annunciated in the period.</param>
/// <param name="AveragePerInterval">Alarms per 10 minutes on average (target about 1, at most 2).</param>
/// <param name="MaxPerInterval">Alarms in the busiest 10-minute interval (intervals aligned on the period start).</param>
/// <param name="MaxIntervalStart">Start of the busiest interval (the first one on a tie), null without alarms.</param>
public sealed record AlarmRate(string Position, int Count, double AveragePerInterval, int MaxPerInterval, DateTimeOffset? MaxIntervalStart);

/// <summary>An alarm flood: more than 10 alarms in 10 minutes, until fewer than 5.</summary>
/// <param name="Start">When the window first held more than the start threshold (the time of that alarm).</param>
/// <param name="End">When the window first held fewer than the end threshold again; null if still flooding at the period end.</param>
/// <param name="AlarmCount">Alarms annunciated from one window before the start until the end.</param>
/// <param name="Peak">The most alarms the window held during the flood.</param>
public sealed record AlarmFlood(DateTimeOffset Start, DateTimeOffset? End, int AlarmCount, int Peak);

/// <summary>An alarm whose condition was active longer than the standing threshold during the period.</summary>
/// <param name="Key">The alarm.</param>
/// <param name="ActiveSince">When its condition became active (possibly before the period).</param>
/// <param name="ClearedAt">When it cleared, null if still active at the period end.</param>
/// <param name="Duration">How long it had been active at its clear or the period end, whichever is first.</param>
public sealed record StandingAlarm(AlarmKey Key, DateTimeOffset ActiveSince, DateTimeOffset? ClearedAt, TimeSpan Duration);

/// <summary>An alarm whose condition made at least 3 transitions within a minute in the period.</summary>
/// <param name="Key">The alarm.</param>
/// <param name="FirstChatterAt">The transition that first made it chattering.</param>
/// <param name="Transitions">Condition transitions in the period.</param>
public sealed record ChatteringAlarm(AlarmKey Key, DateTimeOffset FirstChatterAt, int Transitions);

/// <summary>Alarms per priority in the period (target about 80 / 15 / 5 % low / medium / high).</summary>
/// <param name="Low">Low-priority alarms.</param>
/// <param name="Medium">Medium-priority alarms.</param>
/// <param name="High">High-priority alarms.</param>
public sealed record PriorityDistribution(int Low, int Medium, int High)
{
    /// <summary>All alarms.</summary>
    public int Total => Low + Medium + High;

    /// <summary>The share of <paramref name="priority"/> in percent (0 without alarms).</summary>
    public double Percent(AlarmPriority priority)
    {
        var count = priority switch
        {
            AlarmPriority.Low => Low,
            AlarmPriority.Medium => Medium,
            AlarmPriority.High => High,
            _ => throw new ArgumentOutOfRangeException(nameof(priority), priority, null),
        };
        return Total == 0 ? 0 : 100.0 * count / Total;
    }
}

/// <summary>The alarm KPIs of one period.</summary>
/// <param name="From">Period start (inclusive).</param>
/// <param name="To">Period end (exclusive).</param>
/// <param name="AlarmCount">Alarms annunciated in the period.</param>
/// <param name="Rates">The whole site first, then each operator position in name order.</param>
/// <param name="Floods">Floods over the whole site, in time order.</param>
/// <param name="TimeInFlood">Time in flood within the period.</param>
/// <param name="Standing">Standing alarms, longest first.</param>
/// <param name="Chattering">Chattering alarms, most transitions first.</param>
/// <param name="TopSources">Sources (kind, id) with the most alarms, at most 10.</param>
/// <param name="TopAlarms">Alarms (source and condition) with the most annunciations, at most 10.</param>
/// <param name="Priorities">Alarms per priority.</param>
public sealed record AlarmKpiReport(
    DateTimeOffset From,
    DateTimeOffset To,
    int AlarmCount,
    IReadOnlyList<AlarmRate> Rates,
    IReadOnlyList<AlarmFlood> Floods,
    TimeSpan TimeInFlood,
    IReadOnlyList<StandingAlarm> Standing,
    IReadOnlyList<ChatteringAlarm> Chattering,
    IReadOnlyList<(AlarmSource Source, int Count)> TopSources,
    IReadOnlyList<(AlarmKey Key, int Count)> TopAlarms,
    PriorityDistribution Priorities);

/// <summary>
/// Alarm KPIs computed from the alarm journal (pure). An "alarm" is an annunciation: a journal record with
/// <see cref="AlarmJournalRecord.Annunciated"/> (a new activation shown to the operator, including the
/// reappearance of an active alarm after shelving, suppression or maintenance). Suppressed, shelved and
/// out-of-service activations are not counted. Low-balance notices are not alarms and never appear here.
/// </summary>
public static class AlarmKpi
{
    /// <summary>The position name of the whole-site rate row.</summary>
    public const string AllPositions = "*";

    /// <summary>
    /// Computes the KPIs of [<paramref name="from"/>, <paramref name="to"/>). Pass every record up to
    /// <paramref name="to"/>, including older ones: standing and chattering alarms need the condition's history.
    /// </summary>
    public static AlarmKpiReport Compute(IEnumerable<AlarmJournalRecord> journal, DateTimeOffset from, DateTimeOffset to, AlarmKpiOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(journal);
        options ??= new AlarmKpiOptions();
        if (to <= from)
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, "The KPI period must end after it starts.");
        }

        var records = journal.Where(r => r.At < to).ToArray();
        var alarms = records.Where(r => r.Annunciated && r.At >= from).OrderBy(r => r.At).ToArray();
        var times = alarms.Select(a => a.At).ToArray();

        var rates = new List<AlarmRate> { Rate(AllPositions, times, from, to, options.RateInterval) };
        if (options.PositionOf is { } positionOf)
        {
            rates.AddRange(alarms
                .GroupBy(a => positionOf(a.Key))
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => Rate(g.Key, g.Select(a => a.At).ToArray(), from, to, options.RateInterval)));
        }

        var floods = Floods(times, to, options);
        var timeInFlood = floods.Aggregate(TimeSpan.Zero, (sum, f) => sum + ((f.End ?? to) - f.Start));

        var byKey = records.GroupBy(r => r.Key).Select(g => (g.Key, History: g.OrderBy(r => r.Sequence).ToArray())).ToArray();
        var standing = byKey
            .Select(k => Standing(k.Key, k.History, from, to, options.StandingAfter))
            .OfType<StandingAlarm>()
            .OrderByDescending(s => s.Duration).ThenBy(s => s.Key, KeyOrder)
            .ToArray();
        var chattering = byKey
            .Select(k => Chatter(k.Key, k.History, from))
            .OfType<ChatteringAlarm>()
            .OrderByDescending(c => c.Transitions).ThenBy(c => c.Key, KeyOrder)
            .ToArray();

        var topSources = alarms.GroupBy(a => a.Key.Source)
            .Select(g => (Source: g.Key, Count: g.Count()))
            .OrderByDescending(p => p.Count).ThenBy(p => p.Source.Kind).ThenBy(p => p.Source.Id)
            .Take(options.TopCount).ToArray();
        var topAlarms = alarms.GroupBy(a => a.Key)
            .Select(g => (Key: g.Key, Count: g.Count()))
            .OrderByDescending(p => p.Count).ThenBy(p => p.Key, KeyOrder)
            .Take(options.TopCount).ToArray();
        var priorities = new PriorityDistribution(
            alarms.Count(a => a.Priority == AlarmPriority.Low),
            alarms.Count(a => a.Priority == AlarmPriority.Medium),
            alarms.Count(a => a.Priority == AlarmPriority.High));

        return new AlarmKpiReport(from, to, alarms.Length, rates, floods, timeInFlood, standing, chattering, topSources, topAlarms, priorities);
    }

    /// <summary>
    /// Floods in a series of alarm times (any order), over a sliding window that holds the alarms of the last
    /// <see cref="AlarmKpiOptions.FloodWindow"/> (an alarm leaves exactly one window after it came). A flood
    /// starts at the alarm that makes the window hold more than <see cref="AlarmKpiOptions.FloodStartAbove"/>
    /// and ends when an alarm leaving makes it hold fewer than <see cref="AlarmKpiOptions.FloodEndBelow"/>.
    /// Use it per operator position with that position's alarms.
    /// </summary>
    public static IReadOnlyList<AlarmFlood> Floods(IEnumerable<DateTimeOffset> alarmTimes, DateTimeOffset until, AlarmKpiOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(alarmTimes);
        options ??= new AlarmKpiOptions();
        var times = alarmTimes.Where(t => t < until).Order().ToArray();
        // Sweep: leaving points (-1) sort before arriving points (+1) at the same instant.
        var points = times.Select(t => (At: t, Delta: +1))
            .Concat(times.Select(t => (At: t + options.FloodWindow, Delta: -1)).Where(p => p.At <= until))
            .OrderBy(p => p.At).ThenBy(p => p.Delta)
            .ToArray();
        var floods = new List<AlarmFlood>();
        var count = 0;
        DateTimeOffset? start = null;
        var peak = 0;
        foreach (var (at, delta) in points)
        {
            count += delta;
            if (start is null && delta > 0 && count > options.FloodStartAbove)
            {
                start = at;
                peak = count;
            }
            else if (start is { } began)
            {
                peak = Math.Max(peak, count);
                if (delta < 0 && count < options.FloodEndBelow)
                {
                    floods.Add(new AlarmFlood(began, at, CountIn(times, began - options.FloodWindow, at), peak));
                    start = null;
                }
            }
        }

        if (start is { } open)
        {
            floods.Add(new AlarmFlood(open, null, CountIn(times, open - options.FloodWindow, until), peak));
        }

        return floods;
    }

    private static readonly Comparer<AlarmKey> KeyOrder = Comparer<AlarmKey>.Create((a, b) =>
        a.SourceKind != b.SourceKind ? a.SourceKind.CompareTo(b.SourceKind)
        : a.SourceId != b.SourceId ? a.SourceId.CompareTo(b.SourceId)
        : a.Condition.CompareTo(b.Condition));

    private static int CountIn(DateTimeOffset[] times, DateTimeOffset after, DateTimeOffset before) =>
        times.Count(t => t > after && t < before);

    private static AlarmRate Rate(string position, DateTimeOffset[] times, DateTimeOffset from, DateTimeOffset to, TimeSpan interval)
    {
        var intervals = (to - from) / interval;
        var buckets = times.GroupBy(t => (long)((t - from) / interval)).Select(g => (Index: g.Key, Count: g.Count()))
            .OrderByDescending(b => b.Count).ThenBy(b => b.Index).ToArray();
        return buckets.Length == 0
            ? new AlarmRate(position, 0, 0, 0, null)
            : new AlarmRate(position, times.Length, times.Length / intervals, buckets[0].Count, from + interval * buckets[0].Index);
    }

    private static StandingAlarm? Standing(AlarmKey key, AlarmJournalRecord[] history, DateTimeOffset from, DateTimeOffset to, TimeSpan after)
    {
        StandingAlarm? longest = null;
        DateTimeOffset? since = null;
        void Consider(DateTimeOffset? cleared)
        {
            var end = cleared ?? to;
            if (since is { } a && end > from && end - a > after && (longest is null || end - a > longest.Duration))
            {
                longest = new StandingAlarm(key, a, cleared, end - a);
            }
        }

        foreach (var record in history)
        {
            if (record.ConditionActive && since is null)
            {
                since = record.At;
            }
            else if (!record.ConditionActive && since is not null)
            {
                Consider(record.At);
                since = null;
            }
        }

        Consider(null);
        return longest;
    }

    private static ChatteringAlarm? Chatter(AlarmKey key, AlarmJournalRecord[] history, DateTimeOffset from)
    {
        var transitions = new List<DateTimeOffset>();
        var active = false;
        foreach (var record in history)
        {
            if (record.ConditionActive != active)
            {
                active = record.ConditionActive;
                if (record.At >= from)
                {
                    transitions.Add(record.At);
                }
            }
        }

        return ChatterDetector.FirstChatter(transitions) is { } first ? new ChatteringAlarm(key, first, transitions.Count) : null;
    }
}
