namespace Prepaid.Acquisition.Polling;

/// <summary>What one operation changed in a bus's health.</summary>
internal enum BusHealthChange
{
    None,
    Up,
    Down,
}

/// <summary>
/// Whether a bus answers, judged from the classification of each operation: down on a connection failure, or when
/// <see cref="AcquisitionOptions.BusDownAfterSilentMeters"/> different meters (all, if fewer) stay silent with no answer
/// in between; up again on the first answer. A down bus is probed one meter at a time, the probe interval doubling up
/// to <see cref="AcquisitionOptions.MaxBusProbeInterval"/>. Not thread-safe: the bus poller calls it under its lock.
/// </summary>
internal sealed class BusHealth(AcquisitionOptions options, string endpoint, DateTimeOffset now)
{
    private readonly HashSet<int> _silentMeters = [];
    private TimeSpan _probeInterval;
    private DateTimeOffset _nextProbe;
    private int _probeCursor;

    /// <summary>True while the bus answers nothing or its gateway port cannot be reached.</summary>
    public bool IsDown { get; private set; }

    public string? DownReason { get; private set; }

    /// <summary>When the bus last went down or up.</summary>
    public DateTimeOffset StateSince { get; private set; } = now;

    /// <summary>When the bus last came up (or the poller started).</summary>
    public DateTimeOffset UpSince { get; private set; } = now;

    /// <summary>While down: the index (round robin over <paramref name="meterCount"/> meters) of the meter to probe now, or null until <paramref name="nextProbe"/>.</summary>
    public int? ProbeIndex(DateTimeOffset now, int meterCount, out DateTimeOffset nextProbe)
    {
        nextProbe = _nextProbe;
        return now >= _nextProbe ? _probeCursor++ % meterCount : null;
    }

    /// <summary>A meter left the bus: it no longer counts towards a silent bus.</summary>
    public void Forget(int meterId) => _silentMeters.Remove(meterId);

    /// <summary>Judges the bus from the last operation on <paramref name="meterId"/> (the transport's counts since it began).</summary>
    public BusHealthChange Observe(int meterId, DateTimeOffset now, InstrumentedTransport transport, int meterCount)
    {
        if (transport.Answered > 0)
        {
            _silentMeters.Clear();
            if (!IsDown)
            {
                return BusHealthChange.None;
            }

            IsDown = false;
            DownReason = null;
            StateSince = UpSince = now;
            return BusHealthChange.Up;
        }

        if (IsDown)
        {
            return BusHealthChange.None;
        }

        string? reason = null;
        if (transport.ConnectionFailures > 0)
        {
            reason = $"Connection to {endpoint} failed: {transport.LastFailure}";
        }
        else if (transport.Silent > 0)
        {
            _silentMeters.Add(meterId);
            var needed = Math.Min(options.BusDownAfterSilentMeters, Math.Max(1, meterCount));
            if (_silentMeters.Count >= needed)
            {
                reason = $"No answer from {_silentMeters.Count} meter(s) in a row: {transport.LastFailure}";
            }
        }

        if (reason is null)
        {
            return BusHealthChange.None;
        }

        IsDown = true;
        DownReason = reason;
        StateSince = now;
        _probeInterval = options.BusProbeInterval;
        _nextProbe = now + _probeInterval;
        return BusHealthChange.Down;
    }

    /// <summary>A probe of a bus that was already down went unanswered: wait twice as long for the next.</summary>
    public void ProbeUnanswered(DateTimeOffset now)
    {
        _probeInterval = _probeInterval * 2 < options.MaxBusProbeInterval ? _probeInterval * 2 : options.MaxBusProbeInterval;
        _nextProbe = now + _probeInterval;
    }
}
