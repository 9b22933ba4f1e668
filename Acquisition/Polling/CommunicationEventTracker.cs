namespace Prepaid.Acquisition.Polling;

/// <summary>
/// Turns acquisition snapshots into communication events, each loss reported once and followed by its recovery: a
/// lost gateway suppresses its buses' and meters' events, a bus is lost when down for
/// <see cref="AcquisitionOptions.BusLostEventDelay"/> while its gateway is not, and a meter is judged only on its own
/// polls since its bus last came up. Not thread-safe: the engine calls it under its lock.
/// </summary>
internal sealed class CommunicationEventTracker(AcquisitionOptions options)
{
    private readonly HashSet<int> _reportedGateways = [];
    private readonly HashSet<BusKey> _reportedBuses = [];
    private readonly HashSet<int> _reportedMeters = [];

    /// <summary>A bus left the configuration: its reported loss is forgotten.</summary>
    public void ForgetBus(BusKey key) => _reportedBuses.Remove(key);

    /// <summary>Keeps only what is still configured.</summary>
    public void Retain(IEnumerable<int> meterIds, IEnumerable<int> gatewayIds)
    {
        _reportedMeters.IntersectWith(meterIds);
        _reportedGateways.IntersectWith(gatewayIds);
    }

    /// <summary>The events <paramref name="snapshot"/> raises; <paramref name="upSince"/> tells when each bus last came up.</summary>
    public List<CommunicationEvent> Evaluate(AcquisitionSnapshot snapshot, IReadOnlyDictionary<BusKey, DateTimeOffset> upSince)
    {
        var events = new List<CommunicationEvent>();
        var now = snapshot.Time;
        foreach (var gateway in snapshot.Gateways)
        {
            if (gateway.IsDown && _reportedGateways.Add(gateway.Id))
            {
                var reasons = string.Join("; ", gateway.Buses.Select(b => $"{b.Id}: {b.DownReason}"));
                events.Add(new CommunicationEvent(CommunicationEventKind.GatewayLost, gateway.Id, null, null, now, reasons));
            }
            else if (!gateway.IsDown && _reportedGateways.Remove(gateway.Id))
            {
                events.Add(new CommunicationEvent(CommunicationEventKind.GatewayRecovered, gateway.Id, null, null, now, null));
            }

            foreach (var bus in gateway.Buses)
            {
                var key = new BusKey(gateway.Id, bus.Id);
                if (bus.IsDown && !gateway.IsDown && now - bus.StateSince >= options.BusLostEventDelay && _reportedBuses.Add(key))
                {
                    events.Add(new CommunicationEvent(CommunicationEventKind.BusLost, gateway.Id, bus.Id, null, now, bus.DownReason));
                }
                else if (!bus.IsDown && _reportedBuses.Remove(key))
                {
                    events.Add(new CommunicationEvent(CommunicationEventKind.BusRecovered, gateway.Id, bus.Id, null, now, null));
                }

                // Meters are judged only on their own polls since the bus last answered: a meter not yet polled
                // after a bus or gateway outage is neither lost nor recovered.
                var busUpSince = upSince.GetValueOrDefault(key);
                foreach (var meter in bus.Meters)
                {
                    var suppressed = bus.IsDown || meter.LastAttempt is not { } attempt || attempt <= busUpSince;
                    if (meter.State == MeterCommState.Lost && !suppressed && _reportedMeters.Add(meter.Id))
                    {
                        events.Add(new CommunicationEvent(CommunicationEventKind.MeterLost, gateway.Id, bus.Id, meter.Id, now,
                            $"No good reading since {meter.LastGood?.ToString("O") ?? "start"}: {meter.LastError}"));
                    }
                    else if (meter.State == MeterCommState.Online && _reportedMeters.Remove(meter.Id))
                    {
                        events.Add(new CommunicationEvent(CommunicationEventKind.MeterRecovered, gateway.Id, bus.Id, meter.Id, now, null));
                    }
                }
            }
        }

        return events;
    }
}
