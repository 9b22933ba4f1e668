using Microsoft.EntityFrameworkCore;
using Prepaid.App.Kernel.Ledger;
using Prepaid.App.Persistence;
using Prepaid.Domain.Model;

namespace Prepaid.App.Wall;

/// <summary>Reads the wall's slow figures for the site-local day of <c>now</c>.</summary>
public static class WallDay
{
    public static async Task<WallDayFigures> ReadAsync(
        IDbContextFactory<PrepaidDb> factory, LedgerService ledger, WallModel model, DateTimeOffset now, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(ledger);
        var start = SiteTime.MidnightUtc(SiteTime.Today(now, zone), zone);
        var incomers = model.Transformers.Select(t => t.IncomerMeterId).OfType<int>().ToList();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var energy = await db.IntervalEnergies.Where(i => incomers.Contains(i.MeterId) && i.IntervalStart >= start).SumAsync(i => i.Total, cancellationToken);
        // Money is summed in memory: it is stored through a value converter that an SQL SUM would bypass.
        var recharges = await db.LedgerEntries.AsNoTracking().Where(e => e.Kind == LedgerEntryKind.Recharge && e.OccurredAt >= start)
            .Select(e => new { e.IdempotencyKey, e.Amount }).ToListAsync(cancellationToken);
        var keys = recharges.Select(r => r.IdempotencyKey).ToList();
        var reversed = (await db.LedgerEntries.AsNoTracking()
            .Where(e => e.Kind == LedgerEntryKind.Reversal && e.CauseType == LedgerService.ReversalCauseType && keys.Contains(e.CauseId!))
            .Select(e => e.CauseId!).ToListAsync(cancellationToken)).ToHashSet();
        var sales = recharges.Where(r => !reversed.Contains(r.IdempotencyKey)).Sum(r => r.Amount);
        var arrears = (await ledger.BalancesAsync(null, cancellationToken)).Count(b => b.Value < 0m);
        return new WallDayFigures(energy, sales, arrears);
    }
}
