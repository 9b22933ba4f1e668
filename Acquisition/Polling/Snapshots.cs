using Prepaid.Domain.Model;

namespace Prepaid.Acquisition.Polling;

/// <summary>Communication state of a meter, from the age of its last good reading.</summary>
public enum MeterCommState
{
    /// <summary>Not read yet, and not long enough to be stale.</summary>
    Pending,

    /// <summary>Last good reading within <see cref="AcquisitionOptions.StaleAfter"/>.</summary>
    Online,

    /// <summary>Last good reading older than <see cref="AcquisitionOptions.StaleAfter"/>.</summary>
    Stale,

    /// <summary>Last good reading older than <see cref="AcquisitionOptions.LostAfter"/> (or none for that long).</summary>
    Lost,
}

/// <summary>Request counters of a bus or gateway.</summary>
/// <param name="Requests">Modbus requests made (reads and writes; one request may include the client's retries).</param>
/// <param name="Errors">Requests without a usable answer (timeouts, connection faults, 0x0A/0x0B, corrupt frames, exception answers).</param>
/// <param name="Timeouts">Requests that ended in a timeout.</param>
/// <param name="AverageLatency">Mean duration of a request.</param>
/// <param name="WorstLatency">Longest request.</param>
/// <param name="LastSuccess">When a request last got a valid answer.</param>
public sealed record CommunicationCounters(long Requests, long Errors, long Timeouts, TimeSpan AverageLatency, TimeSpan WorstLatency, DateTimeOffset? LastSuccess)
{
    /// <summary>No requests yet.</summary>
    public static CommunicationCounters Zero { get; } = new(0, 0, 0, TimeSpan.Zero, TimeSpan.Zero, null);

    /// <summary>The sum of several counters (a gateway over its buses).</summary>
    public static CommunicationCounters Sum(IEnumerable<CommunicationCounters> parts)
    {
        long requests = 0, errors = 0, timeouts = 0;
        var total = TimeSpan.Zero;
        var worst = TimeSpan.Zero;
        DateTimeOffset? last = null;
        foreach (var p in parts)
        {
            requests += p.Requests;
            errors += p.Errors;
            timeouts += p.Timeouts;
            total += p.AverageLatency * p.Requests;
            worst = p.WorstLatency > worst ? p.WorstLatency : worst;
            last = p.LastSuccess > last || last is null ? p.LastSuccess : last;
        }

        return new(requests, errors, timeouts, requests > 0 ? total / requests : TimeSpan.Zero, worst, last);
    }
}

/// <summary>A meter as the diagnostics page shows it.</summary>
/// <param name="Id">Meter id.</param>
/// <param name="UnitId">Unit id on the bus.</param>
/// <param name="Profile">Profile.</param>
/// <param name="State">Communication state.</param>
/// <param name="LastGood">Source time of the last good reading.</param>
/// <param name="LastAttempt">When it was last polled.</param>
/// <param name="LastError">Why the last poll failed, if it did.</param>
/// <param name="ConsecutiveFailures">Failed polls since the last good one.</param>
/// <param name="BackoffMultiplier">1 when polled every period; k when backed off to every k-th period.</param>
/// <param name="Polls">Polls made.</param>
/// <param name="Failures">Polls without a good reading.</param>
public sealed record MeterSnapshot(int Id, byte UnitId, MeterProfile Profile, MeterCommState State, DateTimeOffset? LastGood, DateTimeOffset? LastAttempt,
    string? LastError, int ConsecutiveFailures, int BackoffMultiplier, long Polls, long Failures);

/// <summary>A bus as the diagnostics page shows it.</summary>
/// <param name="GatewayId">Its gateway.</param>
/// <param name="Id">Bus id.</param>
/// <param name="Port">TCP port.</param>
/// <param name="BaudRate">Baud rate.</param>
/// <param name="IsDown">True while the bus answers nothing.</param>
/// <param name="StateSince">When it went down or came up.</param>
/// <param name="DownReason">Why it is down.</param>
/// <param name="PendingCommands">Commands waiting in its queue.</param>
/// <param name="Counters">Request counters.</param>
/// <param name="Meters">Its meters.</param>
public sealed record BusSnapshot(int GatewayId, int Id, int Port, int BaudRate, bool IsDown, DateTimeOffset StateSince, string? DownReason, int PendingCommands,
    CommunicationCounters Counters, IReadOnlyList<MeterSnapshot> Meters);

/// <summary>A gateway as the diagnostics page shows it.</summary>
/// <param name="Id">Gateway id.</param>
/// <param name="Host">Host.</param>
/// <param name="Framing">Framing.</param>
/// <param name="IsDown">True when every bus is down.</param>
/// <param name="Counters">Sum of its buses' counters.</param>
/// <param name="Buses">Its buses.</param>
public sealed record GatewaySnapshot(int Id, string Host, GatewayFraming Framing, bool IsDown, CommunicationCounters Counters, IReadOnlyList<BusSnapshot> Buses);

/// <summary>The whole acquisition at one moment.</summary>
/// <param name="Time">When it was taken.</param>
/// <param name="Gateways">Gateways, then buses, then meters.</param>
public sealed record AcquisitionSnapshot(DateTimeOffset Time, IReadOnlyList<GatewaySnapshot> Gateways)
{
    /// <summary>Every meter.</summary>
    public IEnumerable<MeterSnapshot> Meters => Gateways.SelectMany(g => g.Buses).SelectMany(b => b.Meters);

    /// <summary>The meter with <paramref name="id"/>, or null.</summary>
    public MeterSnapshot? Meter(int id) => Meters.FirstOrDefault(m => m.Id == id);

    /// <summary>Age of every meter's last good reading at <see cref="Time"/>: p50, p99, max (diagnostics; the 60-second promise).</summary>
    public FreshnessStatistics Freshness()
    {
        var ages = Meters.Where(m => m.LastGood is not null).Select(m => Time - m.LastGood!.Value).Order().ToArray();
        var never = Meters.Count(m => m.LastGood is null);
        TimeSpan At(double p) => ages.Length == 0 ? TimeSpan.Zero : ages[Math.Clamp((int)Math.Ceiling(p * ages.Length) - 1, 0, ages.Length - 1)];
        return new FreshnessStatistics(ages.Length, never, At(0.50), At(0.99), ages.Length == 0 ? TimeSpan.Zero : ages[^1]);
    }

    /// <summary>The bus with <paramref name="id"/> on <paramref name="gatewayId"/>, or null.</summary>
    public BusSnapshot? Bus(int gatewayId, int id) => Gateways.Where(g => g.Id == gatewayId).SelectMany(g => g.Buses).FirstOrDefault(b => b.Id == id);
}

/// <summary>Distribution of the age of the meters' last good readings.</summary>
/// <param name="Meters">Meters with a good reading.</param>
/// <param name="NeverRead">Meters without any good reading yet.</param>
/// <param name="P50">Median age.</param>
/// <param name="P99">99th percentile age.</param>
/// <param name="Max">Oldest.</param>
public sealed record FreshnessStatistics(int Meters, int NeverRead, TimeSpan P50, TimeSpan P99, TimeSpan Max);
