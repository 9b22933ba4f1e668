using Microsoft.EntityFrameworkCore;
using Prepaid.App.Persistence.Entities;
using Prepaid.App.Persistence;
using Prepaid.Domain.Model;

namespace Prepaid.App.Reports;

/// <summary>
/// What a meter-billing meter deducted from its own remaining amount between two readings: remaining at the
/// opening reading + purchases confirmed on it in between - remaining at the closing reading. Null parts are unknown.
/// </summary>
public sealed record MeterDeduction(DateTimeOffset? OpenedAt, decimal? Opening, decimal Delivered, DateTimeOffset? ClosedAt, decimal? Closing)
{
    /// <summary>Null when either reading is missing: a deduction without both ends would be invented.</summary>
    public decimal? Deducted => Opening is { } o && Closing is { } c ? o + Delivered - c : null;
}

/// <summary>
/// Deductions of every meter-billing meter over a period. The platform stores a meter's remaining amount only as
/// it was read (the nightly reconciliation snapshots, about 02:30 site time, and the live state's last good
/// reading), not frozen at midnight, so each boundary takes the reading nearest to it within
/// <see cref="BoundaryTolerance"/>, and the purchases counted are those confirmed between the two readings.
/// </summary>
internal static class MeterDeductions
{
    /// <summary>How far from a period boundary a remaining-amount reading may be to stand for it.</summary>
    public static readonly TimeSpan BoundaryTolerance = TimeSpan.FromHours(12);

    public static async Task<Dictionary<int, MeterDeduction>> LoadAsync(
        PrepaidDb db, DateTimeOffset startUtc, DateTimeOffset endUtc, CancellationToken cancellationToken)
    {
        var meterIds = await db.Meters.AsNoTracking().Where(m => m.BillingMode == BillingMode.Meter)
            .Select(m => m.Id).ToListAsync(cancellationToken);
        var (from, to) = (startUtc - BoundaryTolerance, endUtc + BoundaryTolerance);
        var snapshots = await db.ReconciliationSnapshots.AsNoTracking()
            .Where(s => s.RemainingYuan != null && s.ReadAt >= from && s.ReadAt <= to)
            .Select(s => new { s.MeterId, At = s.ReadAt, Remaining = s.RemainingYuan!.Value })
            .ToListAsync(cancellationToken);
        var live = await db.MeterLiveStates.AsNoTracking()
            .Where(s => s.RemainingYuan != null && s.LastGoodAt != null && s.LastGoodAt >= from && s.LastGoodAt <= to)
            .Select(s => new { s.MeterId, At = s.LastGoodAt!.Value, Remaining = s.RemainingYuan!.Value })
            .ToListAsync(cancellationToken);
        var readings = snapshots.Concat(live).ToLookup(r => r.MeterId, r => (r.At, r.Remaining));

        var parts = await db.RechargeDeliveries.AsNoTracking()
            .Where(d => d.State == RechargeDeliveryState.Delivered && d.CompletedAt != null && d.CompletedAt >= from && d.CompletedAt <= to)
            .Select(d => new { d.MeterId, At = d.CompletedAt!.Value, d.Amount })
            .ToListAsync(cancellationToken);
        var transfers = await db.PendingBalanceTransfers.AsNoTracking()
            .Where(t => t.State == BalanceTransferState.Delivered && t.CompletedAt != null && t.CompletedAt >= from && t.CompletedAt <= to)
            .Select(t => new { t.MeterId, At = t.CompletedAt!.Value, t.Amount })
            .ToListAsync(cancellationToken);
        // A negative transfer (overdraft carried from the old meter) was taken off the purchase that delivered it.
        var purchases = parts.Concat(transfers).ToLookup(p => p.MeterId, p => (p.At, p.Amount));

        var result = new Dictionary<int, MeterDeduction>(meterIds.Count);
        foreach (var id in meterIds)
        {
            var opening = Nearest(readings[id], startUtc);
            var closing = Nearest(readings[id], endUtc);
            if (opening is { } o && closing is { } c && c.At > o.At)
            {
                var delivered = purchases[id].Where(p => p.At > o.At && p.At <= c.At).Sum(p => p.Amount);
                result[id] = new MeterDeduction(o.At, o.Remaining, delivered, c.At, c.Remaining);
            }
            else
            {
                // No closing reading after the opening one (the same reading may be nearest to both boundaries of a day);
                // without an opening, the closing amount still tells what the meter held at the end.
                result[id] = opening is null
                    ? new MeterDeduction(null, null, 0, closing?.At, closing?.Remaining)
                    : new MeterDeduction(opening.Value.At, opening.Value.Remaining, 0, null, null);
            }
        }

        return result;
    }

    private static (DateTimeOffset At, decimal Remaining)? Nearest(IEnumerable<(DateTimeOffset At, decimal Remaining)> readings, DateTimeOffset boundary) =>
        readings.Where(r => (r.At - boundary).Duration() <= BoundaryTolerance)
            .OrderBy(r => (r.At - boundary).Duration()).ThenBy(r => r.At)
            .Select(r => ((DateTimeOffset, decimal)?)r).FirstOrDefault();
}
