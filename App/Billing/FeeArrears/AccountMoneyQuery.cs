using Microsoft.EntityFrameworkCore;
using Prepaid.App.Persistence;
using Prepaid.Domain.Billing;
using Prepaid.Domain.Model;

namespace Prepaid.App.Billing.FeeArrears;

/// <summary>A meter-billed account's money picture, its meters, and when the oldest charge it still owes was posted.</summary>
public sealed record AccountMoney(MoneyPicture Picture, IReadOnlyList<Meter> Meters, DateTimeOffset? OldestOpenCharge);

/// <summary>
/// Builds <see cref="MoneyPicture"/> for one account from the database: the ledger (what the platform holds or is
/// owed), each self-billing meter's remaining amount as last read back, and the parts of payments planned for a
/// meter and not yet confirmed in it (already out of the ledger, not yet in the meter).
/// </summary>
public static class AccountMoneyQuery
{
    /// <summary>The account's money; null when it has no meter that bills itself.</summary>
    public static async Task<AccountMoney?> GetAsync(PrepaidDb db, int accountId, CancellationToken cancellationToken)
    {
        var meters = await db.Meters.AsNoTracking()
            .Where(m => m.AccountId == accountId && m.BillingMode == BillingMode.Meter
                && (m.Profile == MeterProfile.PrepaidSinglePhase || m.Profile == MeterProfile.PrepaidThreePhase || m.Profile == MeterProfile.PrepaidWater))
            .OrderBy(m => m.Id).ToListAsync(cancellationToken);
        if (meters.Count == 0)
        {
            return null;
        }

        var ids = meters.Select(m => m.Id).ToList();
        var live = await db.MeterLiveStates.AsNoTracking().Where(l => ids.Contains(l.MeterId)).ToDictionaryAsync(l => l.MeterId, cancellationToken);
        var transit = (await db.RechargeDeliveries.AsNoTracking()
                .Where(d => d.AccountId == accountId && d.State == RechargeDeliveryState.Pending)
                .Select(d => new { d.MeterId, d.Amount }).ToListAsync(cancellationToken))
            .GroupBy(d => d.MeterId).ToDictionary(g => g.Key, g => g.Sum(d => d.Amount));
        var entries = await db.LedgerEntries.AsNoTracking().Where(e => e.AccountId == accountId).OrderBy(e => e.Id).ToListAsync(cancellationToken);
        var money = meters.Select(m => live.GetValueOrDefault(m.Id) is { RemainingYuan: { } remaining } state
            ? new MeterMoney(m.Id, m.Name, m.Kind, remaining, state.LastGoodAt ?? state.UpdatedAt, transit.GetValueOrDefault(m.Id))
            : new MeterMoney(m.Id, m.Name, m.Kind, null, null, transit.GetValueOrDefault(m.Id))).ToList();
        var oldest = PaymentWaterfall.Outstanding(entries).Where(c => c.PostedAt is not null).Select(c => c.PostedAt).Min();
        return new AccountMoney(new MoneyPicture(money, entries.Sum(e => e.Amount)), meters, oldest);
    }
}
