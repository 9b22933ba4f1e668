using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Prepaid.Acquisition.Simulator;
using Prepaid.App.Persistence;
using Prepaid.App.Kernel.Contracts;
using Prepaid.Domain.Model;

namespace Prepaid.App.Demo.History;

/// <summary>
/// What goes wrong in the simulated past, drawn per site day from the demo seed: a meter that stops answering for a few
/// hours, now and then a whole RS485 bus, a shop whose load exceeds its meter's power limit (the meter trips itself), and
/// on a few days an unmetered load behind the transformers (the incomers measure more than the sub-meters). The faults
/// act on the simulated meters only; what the platform makes of them (communication events, alarms, the nightly loss
/// check) is the product's own doing. Like acquisition, this reports the communication edges it sees in the reads.
/// </summary>
internal sealed class HistoryIncidents
{
    private readonly InProcessMeters _meters;
    private readonly int _seed;
    private readonly List<int> _shops;
    private readonly List<int> _limited;
    private readonly List<int> _incomers;
    private readonly Dictionary<int, List<int>> _buses;
    private readonly Dictionary<int, int> _busOf;
    private readonly HashSet<int> _lostMeters = [];
    private readonly HashSet<int> _lostBuses = [];
    private readonly HashSet<int> _silentBuses = [];
    private readonly HashSet<int> _silenced = [];
    private DayPlan? _plan;

    private HistoryIncidents(InProcessMeters meters, int seed, List<int> shops, List<int> limited, List<int> incomers, Dictionary<int, int> busOf)
    {
        _meters = meters;
        _seed = seed;
        _shops = shops;
        _limited = limited;
        _incomers = incomers;
        _busOf = busOf;
        _buses = busOf.GroupBy(p => p.Value).ToDictionary(g => g.Key, g => g.Select(p => p.Key).Order().ToList());
    }

    /// <summary>Meters, buses and incomers of the simulated mall (every list sorted, so the draws are reproducible).</summary>
    public static async Task<HistoryIncidents> LoadAsync(IDbContextFactory<PrepaidDb> factory, InProcessMeters meters, int seed, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Meters.AsNoTracking().Select(m => new { m.Id, m.BusId, m.Role, m.Kind, m.BillingMode }).ToListAsync(cancellationToken);
        var simulated = rows.Where(r => meters.MeterIds.Contains(r.Id)).OrderBy(r => r.Id).ToList();
        var limited = simulated
            .Where(r => r.Kind == MeterKind.Electricity && meters.Meter(r.Id) is SimulatedElectricityMeter { Model.PowerLimitEnabled: true })
            .Select(r => r.Id).ToList();
        return new HistoryIncidents(meters, seed,
            [.. simulated.Where(r => r.Role == MeterRole.Tenant).Select(r => r.Id)],
            limited,
            [.. simulated.Where(r => r.Role == MeterRole.MainIncomer).Select(r => r.Id)],
            simulated.ToDictionary(r => r.Id, r => r.BusId));
    }

    /// <summary>Before the meters are read at <paramref name="local"/>: who is silent now.</summary>
    public void BeforeRead(DateTimeOffset local)
    {
        var plan = PlanFor(DateOnly.FromDateTime(local.DateTime));
        var hour = local.Hour + (local.Minute / 60.0);
        foreach (var meterId in _silenced)
        {
            _meters.SetSilent(meterId, false);
        }

        _silenced.Clear();
        _silentBuses.Clear();
        if (plan.SilentMeter is { } meter && hour >= plan.SilentFrom && hour < plan.SilentFrom + plan.SilentHours)
        {
            _silenced.Add(meter);
        }

        if (plan.SilentBus is { } bus && hour >= plan.BusFrom && hour < plan.BusFrom + plan.BusHours)
        {
            _silentBuses.Add(bus);
            _silenced.UnionWith(_buses[bus]);
        }

        foreach (var meterId in _silenced)
        {
            _meters.SetSilent(meterId, true);
        }
    }

    /// <summary>Every meter answers again (the end of the history: the live simulator starts from the last reads).</summary>
    public void EndAll()
    {
        foreach (var meterId in _silenced)
        {
            _meters.SetSilent(meterId, false);
        }

        _silenced.Clear();
        _silentBuses.Clear();
    }

    /// <summary>After the loads were set for the quarter hour starting at <paramref name="local"/>: the day's excess loads.</summary>
    public void AfterLoads(DateTimeOffset local)
    {
        var plan = PlanFor(DateOnly.FromDateTime(local.DateTime));
        if (plan.SpikeMeter is { } spike && local.Hour == plan.SpikeHour && local.Minute == 0
            && _meters.Meter(spike) is SimulatedElectricityMeter meter)
        {
            // A heater or an oven too many: well above the limit for the whole quarter hour.
            meter.SetDemand(decimal.Round(meter.Model.PowerLimitKw * 1.4m, 3));
        }

        if (plan.Unmetered)
        {
            foreach (var incomer in _incomers.Select(_meters.Meter).OfType<SimulatedElectricityMeter>())
            {
                incomer.SetDemand(decimal.Round(incomer.PowerKw * 1.12m, 3));
            }
        }
    }

    /// <summary>The communication edges in a round of reads, as acquisition reports them: a bus that stopped answering
    /// as the bus (not each meter behind it), a single meter as the meter, and each recovery.</summary>
    public List<MeterEvent> Edges(IReadOnlyList<AcquiredReading> batch, DateTimeOffset at)
    {
        var events = new List<MeterEvent>();
        foreach (var bus in _silentBuses.Where(_lostBuses.Add))
        {
            events.Add(Event(AlarmSourceKind.Bus, bus, MeterEventKind.BusLost, at, string.Create(CultureInfo.InvariantCulture,
                $"No meter on the bus answers ({_buses[bus].Count} meters)")));
        }

        foreach (var bus in _lostBuses.Where(b => !_silentBuses.Contains(b)).ToList())
        {
            _lostBuses.Remove(bus);
            events.Add(Event(AlarmSourceKind.Bus, bus, MeterEventKind.BusRecovered, at, "The bus answers again"));
        }

        foreach (var reading in batch)
        {
            var onLostBus = _lostBuses.Contains(_busOf.GetValueOrDefault(reading.MeterId));
            if (!reading.Reading.IsGood && !onLostBus && _lostMeters.Add(reading.MeterId))
            {
                events.Add(Event(AlarmSourceKind.Meter, reading.MeterId, MeterEventKind.MeterLost, at,
                    $"No good reading since {at.AddMinutes(-15):O}: {reading.Reading.Error}"));
            }
            else if (reading.Reading.IsGood && _lostMeters.Remove(reading.MeterId))
            {
                events.Add(Event(AlarmSourceKind.Meter, reading.MeterId, MeterEventKind.MeterRecovered, at, "The meter answers again"));
            }
        }

        return events;
    }

    private static MeterEvent Event(AlarmSourceKind kind, int id, MeterEventKind what, DateTimeOffset at, string detail) =>
        new() { At = at, SourceKind = kind, SourceId = id, Kind = what, Detail = detail.Length > 500 ? detail[..500] : detail };

    private DayPlan PlanFor(DateOnly day)
    {
        if (_plan?.Day == day)
        {
            return _plan;
        }

        // Not HashCode.Combine: it differs from process to process, and the same seed must give the same past.
        var random = new Random(Mix(_seed, day.DayNumber, 0x1d));
        var plan = new DayPlan { Day = day };
        if (random.Next(100) < 60 && _shops.Count > 0)
        {
            (plan.SilentMeter, plan.SilentFrom, plan.SilentHours) = (_shops[random.Next(_shops.Count)], 8 + random.Next(12), 1 + random.Next(3));
        }

        if (random.Next(100) < 12 && _buses.Count > 0)
        {
            var buses = _buses.Keys.Order().ToList();
            (plan.SilentBus, plan.BusFrom, plan.BusHours) = (buses[random.Next(buses.Count)], 10 + random.Next(10), 1 + random.Next(2));
        }

        if (random.Next(100) < 30 && _limited.Count > 0)
        {
            (plan.SpikeMeter, plan.SpikeHour) = (_limited[random.Next(_limited.Count)], 11 + random.Next(9));
        }

        plan.Unmetered = random.Next(100) < 8;
        return _plan = plan;
    }

    /// <summary>A stable mix of a few numbers into a non-negative seed.</summary>
    internal static int Mix(long a, long b, long c)
    {
        var x = unchecked((ulong)a * 0x9E3779B97F4A7C15UL ^ (ulong)b * 0xC2B2AE3D27D4EB4FUL ^ (ulong)c * 0x165667B19E3779F9UL);
        x ^= x >> 31;
        x = unchecked(x * 0xBF58476D1CE4E5B9UL);
        x ^= x >> 29;
        return (int)(x & int.MaxValue);
    }

    private sealed class DayPlan
    {
        public DateOnly Day { get; init; }
        public int? SilentMeter { get; set; }
        public int SilentFrom { get; set; }
        public int SilentHours { get; set; }
        public int? SilentBus { get; set; }
        public int BusFrom { get; set; }
        public int BusHours { get; set; }
        public int? SpikeMeter { get; set; }
        public int SpikeHour { get; set; }
        public bool Unmetered { get; set; }
    }
}
