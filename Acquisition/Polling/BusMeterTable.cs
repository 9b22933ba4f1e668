using Prepaid.Acquisition.Drivers;

namespace Prepaid.Acquisition.Polling;

/// <summary>
/// The meters a bus poller polls, by meter id: replaced without restarting the bus (unchanged meters keep their state),
/// and the choice of the meter to read next. Not thread-safe: the poller calls it under its lock.
/// </summary>
internal sealed class BusMeterTable(InstrumentedTransport transport, MeterDriverOptions driverOptions)
{
    private readonly Dictionary<int, MeterPollState> _meters = [];

    public int Count => _meters.Count;

    public IEnumerable<MeterPollState> All => _meters.Values;

    /// <summary>
    /// New meters are due at once, removed ones dropped, changed periods applied, a changed unit id or profile gets a
    /// new driver. Returns the ids of the removed meters.
    /// </summary>
    public List<int> Update(IReadOnlyList<MeterConfig> meters, DateTimeOffset now)
    {
        var wanted = meters.ToDictionary(m => m.Id);
        var removed = _meters.Keys.Where(id => !wanted.ContainsKey(id)).ToList();
        foreach (var id in removed)
        {
            transport.SetPolicy(_meters[id].Config.UnitId, null, null);
            _meters.Remove(id);
        }

        foreach (var meter in meters)
        {
            transport.SetPolicy(meter.UnitId, meter.ResponseTimeout, meter.Retries);
            if (_meters.TryGetValue(meter.Id, out var slot) && slot.Config.UnitId == meter.UnitId && slot.Config.Profile == meter.Profile)
            {
                slot.Config = meter;
                var fast = now + meter.FastPeriod;
                slot.NextDue = fast < slot.NextDue ? fast : slot.NextDue;
            }
            else
            {
                _meters[meter.Id] = new MeterPollState(meter, new ModbusMeterDriver(meter.Profile, meter.UnitId, transport, driverOptions), now);
            }
        }

        return removed;
    }

    public MeterPollState? Find(int meterId) => _meters.GetValueOrDefault(meterId);

    /// <summary>False when the meter was removed or replaced (new driver) since <paramref name="slot"/> was taken.</summary>
    public bool IsCurrent(MeterPollState slot) => _meters.TryGetValue(slot.Config.Id, out var s) && ReferenceEquals(s, slot);

    /// <summary>
    /// The meter to read now: while the bus is down the next probe (one meter at a time), else the meter due earliest.
    /// Null when none is due yet; <paramref name="wake"/> is then moved to when one will be.
    /// </summary>
    public MeterPollState? NextDue(DateTimeOffset now, BusHealth health, ref DateTimeOffset wake)
    {
        if (_meters.Count == 0)
        {
            return null;
        }

        if (health.IsDown)
        {
            if (health.ProbeIndex(now, _meters.Count, out var nextProbe) is { } probe)
            {
                return _meters.Values.ElementAt(probe);
            }

            wake = nextProbe;
            return null;
        }

        var earliest = _meters.Values.MinBy(s => s.NextDue)!;
        if (earliest.NextDue <= now)
        {
            return earliest;
        }

        wake = earliest.NextDue < wake ? earliest.NextDue : wake;
        return null;
    }
}
