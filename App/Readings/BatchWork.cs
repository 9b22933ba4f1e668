using Microsoft.EntityFrameworkCore;
using Prepaid.App.Persistence;
using Prepaid.Domain.Metering;
using Prepaid.Domain.Model;

namespace Prepaid.App.Readings;

/// <summary>What one batch adds: interval shares summed per meter and interval, freezes and events; saved at once.</summary>
internal sealed class BatchWork
{
    private readonly Dictionary<(int MeterId, DateTimeOffset Start), IntervalEnergy> _intervals = [];

    public List<FreezeReading> Freezes { get; } = [];

    public List<MeterEvent> Events { get; } = [];

    public int IntervalCount => _intervals.Count;

    /// <summary>Spreads a total delta, and the per-register deltas when known, over the 15-minute intervals.</summary>
    public void AddIntervals(int meterId, DateTimeOffset from, DateTimeOffset to, decimal total,
        (decimal Sharp, decimal Peak, decimal Flat, decimal Valley)? rates)
    {
        void Add(IReadOnlyList<IntervalShare> shares, Action<IntervalEnergy, decimal> add)
        {
            foreach (var share in shares)
            {
                if (!_intervals.TryGetValue((meterId, share.IntervalStart), out var row))
                {
                    row = new IntervalEnergy { MeterId = meterId, IntervalStart = share.IntervalStart };
                    _intervals[(meterId, share.IntervalStart)] = row;
                }

                add(row, share.Quantity);
            }
        }

        Add(IntervalAllocator.Allocate(from, to, total), (r, q) => r.Total += q);
        if (rates is { } d)
        {
            Add(IntervalAllocator.Allocate(from, to, d.Sharp), (r, q) => r.Sharp += q);
            Add(IntervalAllocator.Allocate(from, to, d.Peak), (r, q) => r.Peak += q);
            Add(IntervalAllocator.Allocate(from, to, d.Flat), (r, q) => r.Flat += q);
            Add(IntervalAllocator.Allocate(from, to, d.Valley), (r, q) => r.Valley += q);
        }
    }

    public async Task SaveAsync(PrepaidDb db, IReadOnlyCollection<int> meterIds, CancellationToken cancellationToken)
    {
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        if (_intervals.Count > 0)
        {
            var first = _intervals.Keys.Min(k => k.Start);
            var last = _intervals.Keys.Max(k => k.Start);
            var existing = await db.IntervalEnergies
                .Where(i => meterIds.Contains(i.MeterId) && i.IntervalStart >= first && i.IntervalStart <= last)
                .ToDictionaryAsync(i => (i.MeterId, i.IntervalStart), cancellationToken);
            foreach (var (key, row) in _intervals)
            {
                if (existing.TryGetValue(key, out var stored))
                {
                    // A reading split across intervals adds to the interval an earlier batch started.
                    stored.Total += row.Total;
                    stored.Sharp += row.Sharp;
                    stored.Peak += row.Peak;
                    stored.Flat += row.Flat;
                    stored.Valley += row.Valley;
                }
                else
                {
                    db.IntervalEnergies.Add(row);
                }
            }
        }

        if (Freezes.Count > 0)
        {
            var periods = Freezes.Select(f => f.Period).Distinct().ToList();
            var stored = (await db.FreezeReadings
                    .Where(f => meterIds.Contains(f.MeterId) && periods.Contains(f.Period))
                    .Select(f => new { f.MeterId, f.Kind, f.Period })
                    .ToListAsync(cancellationToken))
                .Select(f => (f.MeterId, f.Kind, f.Period)).ToHashSet();
            // A freeze is taken once; a replayed or late reading never moves it.
            db.FreezeReadings.AddRange(Freezes.Where(f => stored.Add((f.MeterId, f.Kind, f.Period))));
        }

        db.MeterEvents.AddRange(Events);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }
}
