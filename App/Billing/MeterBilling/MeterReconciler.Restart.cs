using Microsoft.EntityFrameworkCore;
using Prepaid.App.Kernel.Contracts;
using Prepaid.Domain.Model;
using Prepaid.App.Persistence;

namespace Prepaid.App.Billing.MeterBilling;

/// <content>
/// The check after a restart: a meter that took a purchase shortly before the process stopped is the one a crash could
/// have left wrong (a purchase the meter lost, or one it applied that the platform did not record), so it is compared as
/// soon as it has been read again, not at night.
/// </content>
public sealed partial class MeterReconciler
{
    /// <summary>How far before a start a purchase makes its meter one to check at once.</summary>
    public static readonly TimeSpan RestartLookback = TimeSpan.FromHours(1);

    /// <summary>Meters that hold their balance and were sent a purchase in the hour before <paramref name="startedAt"/>,
    /// or have one still unfinished.</summary>
    public async Task<HashSet<int>> RecentlyPurchasedAsync(DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var since = startedAt - RestartLookback;
        var meters = await db.MeterCommands.AsNoTracking()
            .Where(c => c.Kind == MeterCommandKind.DeliverPurchase && c.RequestedAt <= startedAt
                && (c.RequestedAt >= since || c.State == MeterCommandState.Requested || c.State == MeterCommandState.Sent))
            .Select(c => c.MeterId).Distinct().ToListAsync(cancellationToken);
        return [.. meters];
    }

    /// <summary>
    /// Compares the purchase count of each of <paramref name="meterIds"/> that has a good reading taken after
    /// <paramref name="startedAt"/> and no purchase in flight; a mismatch is stored as the day's discrepancy (the night's
    /// run then does not raise it again) and raised as an operator alarm. Returns the meters compared; the others wait for
    /// their next reading.
    /// </summary>
    public async Task<IReadOnlyCollection<int>> ReconcileAfterRestartAsync(IReadOnlyCollection<int> meterIds, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var runDate = SiteTime.Today(now, await SiteTime.FirstSiteZoneAsync(db, cancellationToken));
        var fresh = await db.MeterLiveStates.AsNoTracking().Where(s => meterIds.Contains(s.MeterId) && s.LastGoodAt > startedAt).ToListAsync(cancellationToken);
        var busy = (await db.RechargeDeliveries.AsNoTracking()
            .Where(d => meterIds.Contains(d.MeterId) && d.State != RechargeDeliveryState.Delivered && d.State != RechargeDeliveryState.Cancelled)
            .Select(d => d.MeterId).Distinct().ToListAsync(cancellationToken)).ToHashSet();
        busy.UnionWith(await db.MeterCommands.AsNoTracking()
            .Where(c => meterIds.Contains(c.MeterId) && c.Kind == MeterCommandKind.DeliverPurchase && (c.State == MeterCommandState.Requested || c.State == MeterCommandState.Sent))
            .Select(c => c.MeterId).Distinct().ToListAsync(cancellationToken));
        var known = (await db.ReconciliationDiscrepancies.AsNoTracking().Where(d => d.RunDate == runDate && d.Kind == DiscrepancyKind.PurchaseCount)
            .Select(d => d.MeterId).ToListAsync(cancellationToken)).ToHashSet();
        var compared = new List<int>();
        var found = new List<ReconciliationDiscrepancy>();
        foreach (var live in fresh.Where(s => !busy.Contains(s.MeterId)))
        {
            compared.Add(live.MeterId);
            var payloads = await db.MeterCommands.AsNoTracking()
                .Where(c => c.MeterId == live.MeterId && c.Kind == MeterCommandKind.DeliverPurchase && c.State == MeterCommandState.Confirmed)
                .OrderBy(c => c.Id).Select(c => c.PayloadJson).ToListAsync(cancellationToken);
            if (CountMismatch(live, LastIntent(payloads)) is not { } mismatch || !known.Add(live.MeterId))
            {
                continue;
            }

            var accountId = await db.Meters.Where(m => m.Id == live.MeterId).Select(m => m.AccountId).SingleAsync(cancellationToken);
            found.Add(new ReconciliationDiscrepancy
            {
                RunDate = runDate, MeterId = live.MeterId, AccountId = accountId, Kind = DiscrepancyKind.PurchaseCount,
                Expected = mismatch.Expected, Reported = mismatch.Reported, Detail = "After a restart: " + mismatch.Detail, FoundAt = now,
            });
        }

        db.ReconciliationDiscrepancies.AddRange(found);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var d in found)
        {
            await alarms.RaiseAsync(new OperatorAlarmRaised(AlarmCodePrefix + d.Kind.ToString().ToLowerInvariant(), d.MeterId, now, d.Detail), cancellationToken);
        }

        return compared;
    }
}
