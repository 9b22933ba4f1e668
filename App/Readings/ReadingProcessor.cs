using Microsoft.EntityFrameworkCore;
using Prepaid.Acquisition.Drivers;
using Prepaid.App.Persistence;
using Prepaid.Domain.Metering;
using Prepaid.Domain.Model;
using Prepaid.Domain.Tariffs;

using Prepaid.App.Kernel.Contracts;

namespace Prepaid.App.Readings;

/// <summary>
/// Turns a batch of readings into the latest state per meter, 15-minute interval energy per TOU register, daily
/// and monthly freezes at site-local midnight, and events for deltas that are not consumption. One transaction
/// per batch; one query per table, whatever the batch size.
/// </summary>
public sealed class ReadingProcessor(IDbContextFactory<PrepaidDb> factory, TimeProvider time) : IReadingIntake
{
    /// <summary>How many purchases a delayed reading can be behind the state (purchases to one meter are sequential, and
    /// a reading is at most one poll old).</summary>
    private const int MaxPurchasesBehind = 4;

    /// <param name="batch">The readings.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <param name="minimumWindow">Windows shorter than this are not judged (the baseline is kept, see
    /// <see cref="EnergyDeltaKind.Deferred"/>); null for the rule's default. A reading that no later one will follow
    /// (a meter's final reading at a swap) passes <see cref="TimeSpan.Zero"/>.</param>
    public async Task<ProcessedBatch> ProcessAsync(IReadOnlyList<AcquiredReading> batch, CancellationToken cancellationToken, TimeSpan? minimumWindow = null)
    {
        if (batch.Count == 0)
        {
            return new ProcessedBatch([], 0, 0, 0);
        }

        var now = time.GetUtcNow();
        var ids = batch.Select(r => r.MeterId).Distinct().ToList();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var meters = await db.Meters.AsNoTracking().Where(m => ids.Contains(m.Id))
            .Select(m => new { m.Id, m.Profile, m.CtRatio, m.PtRatio, m.SiteId })
            .ToDictionaryAsync(m => m.Id, cancellationToken);
        var zones = (await db.Sites.AsNoTracking().Select(s => new { s.Id, s.TimeZoneId }).ToListAsync(cancellationToken))
            .ToDictionary(s => s.Id, s => SiteTime.Zone(s.TimeZoneId));
        var states = await db.MeterLiveStates.Where(s => ids.Contains(s.MeterId)).ToDictionaryAsync(s => s.MeterId, cancellationToken);
        var work = new BatchWork();

        foreach (var group in batch.Where(r => meters.ContainsKey(r.MeterId)).GroupBy(r => r.MeterId))
        {
            var meter = meters[group.Key];
            if (!states.TryGetValue(group.Key, out var state))
            {
                state = new MeterLiveState { MeterId = group.Key };
                states[group.Key] = state;
                db.MeterLiveStates.Add(state);
            }

            var ceiling = PlausibleRate.For(meter.Profile, meter.CtRatio, meter.PtRatio);
            var resolution = CountingResolution.For(meter.Profile, meter.CtRatio, meter.PtRatio);
            var zone = zones.GetValueOrDefault(meter.SiteId) ?? TimeZoneInfo.Utc;
            foreach (var acquired in group.OrderBy(r => r.Reading.SourceTime))
            {
                Apply(state, acquired.Reading, now, ceiling, resolution, minimumWindow, zone, work);
            }
        }

        await work.SaveAsync(db, ids, cancellationToken);
        return new ProcessedBatch([.. ids.Where(states.ContainsKey).Select(id => states[id])], work.IntervalCount, work.Freezes.Count, work.Events.Count);
    }

    private static void Apply(MeterLiveState state, MeterReading reading, DateTimeOffset now, decimal ceiling, decimal resolution, TimeSpan? minimumWindow, TimeZoneInfo zone, BatchWork work)
    {
        var writtenAt = state.UpdatedAt;
        state.UpdatedAt = now;
        if (!reading.IsGood)
        {
            state.Quality = reading.Quality;
            state.LastError = reading.Error is { Length: > 300 } error ? error[..300] : reading.Error;
            return;
        }

        var counter = reading.Electrical?.TotalEnergyKwh ?? reading.Water?.VolumeM3;
        if (counter is { } current && state.LastGoodAt is { } previousAt && (state.EnergyKwh ?? state.VolumeM3) is { } previous
            && reading.SourceTime > previousAt)
        {
            var delta = EnergyDeltaRule.Classify(previous, current, reading.SourceTime - previousAt, ceiling, resolution, minimumWindow);
            if (delta.Kind == EnergyDeltaKind.Deferred)
            {
                // Too short a window to judge: the counters, their time and the balance read with them stay the
                // baseline, so the next reading is judged (and counted) over a real window. Only the instantaneous
                // values move on.
                state.Quality = ValueQuality.Good;
                state.LastError = null;
                state.StatusFlags = (int)reading.Status;
                if (reading.Electrical is { } instant)
                {
                    state.PowerKw = instant.TotalActivePowerKw;
                    state.SupplyOn = reading.RelayClosed.Count > 0 ? reading.RelayClosed[0] : null;
                }
                else if (reading.Water is { } flow)
                {
                    state.SupplyOn = flow.Valve == ValveState.Open;
                }

                return;
            }

            if (delta.Kind == EnergyDeltaKind.Valid && delta.Delta > 0)
            {
                work.AddIntervals(state.MeterId, previousAt, reading.SourceTime, delta.Delta, RateDeltas(state, reading));
            }
            else if (delta.Kind != EnergyDeltaKind.Valid)
            {
                // Never consumption: the new value becomes the baseline and an operator decides what happened.
                work.Events.Add(new MeterEvent
                {
                    At = reading.SourceTime,
                    SourceKind = AlarmSourceKind.Meter,
                    SourceId = state.MeterId,
                    Kind = delta.Kind == EnergyDeltaKind.Negative ? MeterEventKind.NegativeDelta : MeterEventKind.AbsurdDelta,
                    Detail = $"previous {previous} at {previousAt:O}, now {current} at {reading.SourceTime:O}, implied {delta.ImpliedKw} per hour",
                });
            }

            if (delta.Kind == EnergyDeltaKind.Valid)
            {
                foreach (var point in FreezeRule.Crossed(previousAt, previous, reading.SourceTime, current, zone))
                {
                    work.Freezes.Add(new FreezeReading { MeterId = state.MeterId, Kind = point.Kind, Period = point.Period, At = point.At, Value = point.Value });
                }
            }
        }

        state.Quality = ValueQuality.Good;
        state.LastGoodAt = reading.SourceTime;
        state.LastError = null;
        if (!PredatesKnownPurchase(state, writtenAt, reading))
        {
            state.RemainingYuan = reading.RemainingYuan;
            state.PurchaseCount = reading.PurchaseCount;
        }

        state.StatusFlags = (int)reading.Status;
        state.SupplyOn = reading.SupplyOn;
        if (reading.Electrical is { } e)
        {
            state.PowerKw = e.TotalActivePowerKw;
            state.EnergyKwh = e.TotalEnergyKwh;
            state.SharpKwh = e.EnergyByRateKwh.GetValueOrDefault(TouRate.Sharp);
            state.PeakKwh = e.EnergyByRateKwh.GetValueOrDefault(TouRate.Peak);
            state.FlatKwh = e.EnergyByRateKwh.GetValueOrDefault(TouRate.Flat);
            state.ValleyKwh = e.EnergyByRateKwh.GetValueOrDefault(TouRate.Valley);
        }
        else if (reading.Water is { } w)
        {
            state.VolumeM3 = w.VolumeM3;
        }
    }

    /// <summary>Per-register deltas when every register moved forward; otherwise none (the total still counts).</summary>
    private static (decimal Sharp, decimal Peak, decimal Flat, decimal Valley)? RateDeltas(MeterLiveState state, MeterReading reading)
    {
        if (reading.Electrical is not { } e || state.SharpKwh is not { } s || state.PeakKwh is not { } p || state.FlatKwh is not { } f || state.ValleyKwh is not { } v)
        {
            return null;
        }

        var d = (e.EnergyByRateKwh.GetValueOrDefault(TouRate.Sharp) - s, e.EnergyByRateKwh.GetValueOrDefault(TouRate.Peak) - p,
            e.EnergyByRateKwh.GetValueOrDefault(TouRate.Flat) - f, e.EnergyByRateKwh.GetValueOrDefault(TouRate.Valley) - v);
        return d.Item1 < 0 || d.Item2 < 0 || d.Item3 < 0 || d.Item4 < 0 ? null : d;
    }

    /// <summary>
    /// True for a reading taken before the state was last written whose purchase count is a few purchases behind the
    /// state's: it was read before a purchase whose read-back recharge delivery already wrote, so its balance is older
    /// than the one shown. Counts only go forward (16-bit, wrapping); a count far behind is a swapped meter and is taken.
    /// </summary>
    private static bool PredatesKnownPurchase(MeterLiveState state, DateTimeOffset writtenAt, MeterReading reading) =>
        reading.SourceTime < writtenAt && reading.PurchaseCount is { } read && state.PurchaseCount is { } known
            && ((known - read) & 0xFFFF) is > 0 and <= MaxPurchasesBehind;
}
