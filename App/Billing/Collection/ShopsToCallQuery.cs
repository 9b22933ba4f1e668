using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Prepaid.App.Billing.FeeArrears;
using Prepaid.App.Kernel.Ledger;
using Prepaid.App.Persistence;
using Prepaid.Domain.Billing;
using Prepaid.Domain.Model;

namespace Prepaid.App.Billing.Collection;

/// <summary>
/// The shops finance should call, most urgent first: off for fees, off for want of money, fees owed with the grace
/// period running (soonest trip first), low, then fees owed but covered. The same money picture as the desk: under
/// meter billing "available" is what the meters hold (with parts on their way) plus the ledger.
/// </summary>
public sealed class ShopsToCallQuery(IDbContextFactory<PrepaidDb> factory, LedgerService ledger, IOptions<FeeArrearsOptions> options)
{
    private sealed record MeterRow(int Id, int AccountId, BillingMode Mode);

    /// <summary>Every open account that calls for a call, in order of urgency.</summary>
    public async Task<IReadOnlyList<ShopToCall>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var accounts = await (from a in db.Accounts.AsNoTracking()
                              where a.ClosedAt == null
                              join t in db.Tenants.AsNoTracking() on a.TenantId equals t.Id
                              select new { Account = a, Tenant = t }).ToListAsync(cancellationToken);
        var meters = (await db.Meters.AsNoTracking()
                .Where(m => m.AccountId != null
                    && (m.Profile == MeterProfile.PrepaidSinglePhase || m.Profile == MeterProfile.PrepaidThreePhase || m.Profile == MeterProfile.PrepaidWater))
                .Select(m => new MeterRow(m.Id, m.AccountId!.Value, m.BillingMode)).ToListAsync(cancellationToken))
            .ToLookup(m => m.AccountId);
        var ids = meters.SelectMany(g => g).Select(m => m.Id).ToList();
        var live = await db.MeterLiveStates.AsNoTracking().Where(l => ids.Contains(l.MeterId))
            .Select(l => new { l.MeterId, l.RemainingYuan, l.SupplyOn }).ToDictionaryAsync(l => l.MeterId, cancellationToken);
        var transit = (await db.RechargeDeliveries.AsNoTracking().Where(d => d.State == RechargeDeliveryState.Pending)
            .Select(d => new { d.MeterId, d.Amount }).ToListAsync(cancellationToken)).GroupBy(d => d.MeterId).ToDictionary(g => g.Key, g => g.Sum(d => d.Amount));
        var trips = await db.RelayPolicyRecords.AsNoTracking().Where(r => r.Relay == RelayState.Open && r.TripCause != null)
            .Select(r => new { r.MeterId, r.TripCause, r.TrippedAt }).ToDictionaryAsync(r => r.MeterId, cancellationToken);
        var notices = (await db.TenantNotices.AsNoTracking().Where(n => n.Level == NoticeLevel.FeesOwed)
            .Select(n => new { n.AccountId, n.At }).ToListAsync(cancellationToken)).GroupBy(n => n.AccountId).ToDictionary(g => g.Key, g => g.Max(n => n.At));
        var balances = await ledger.BalancesAsync(null, cancellationToken);

        var list = new List<ShopToCall>();
        foreach (var row in accounts)
        {
            var account = row.Account;
            var own = meters[account.Id].ToList();
            var selfBilling = own.Where(m => m.Mode == BillingMode.Meter).ToList();
            var balance = balances.GetValueOrDefault(account.Id);
            // A meter never read holds an unknown amount: the shop is then neither "low" nor "not covered" on a guess.
            var unread = selfBilling.Any(m => live.GetValueOrDefault(m.Id)?.RemainingYuan is null);
            decimal? inMeters = selfBilling.Count == 0 || unread ? null
                : selfBilling.Sum(m => live[m.Id].RemainingYuan!.Value + transit.GetValueOrDefault(m.Id));
            decimal? available = unread ? null : (inMeters ?? 0m) + balance;
            var owed = Math.Max(0m, -balance);
            var feeTrip = own.Select(m => trips.GetValueOrDefault(m.Id)).FirstOrDefault(t => t?.TripCause == TripCause.FeeArrears);
            var arrearsTrip = own.Select(m => trips.GetValueOrDefault(m.Id)).FirstOrDefault(t => t?.TripCause == TripCause.Arrears);
            var atZero = selfBilling.Any(m => live.GetValueOrDefault(m.Id) is { SupplyOn: false, RemainingYuan: <= 0m });
            DateTimeOffset? noticed = notices.TryGetValue(account.Id, out var at) ? at : null;
            (CallReason Reason, DateTimeOffset? Since, DateTimeOffset? GraceUntil)? call =
                feeTrip is not null ? (CallReason.TrippedForFees, feeTrip.TrippedAt, null)
                : arrearsTrip is not null || atZero ? (CallReason.OutOfMoney, arrearsTrip?.TrippedAt, null)
                : owed > 0 && selfBilling.Count > 0 && available < 0 ? (CallReason.GraceRunning, noticed, noticed + options.Value.Grace)
                : own.Count > 0 && available <= account.AlarmAmount2 ? (CallReason.BelowAlarm2, null, null)
                : own.Count > 0 && available <= account.AlarmAmount1 ? (CallReason.BelowAlarm1, null, null)
                : owed > 0 ? (CallReason.FeesOwed, null, null)
                : null;
            if (call is { } c)
            {
                var t = row.Tenant;
                list.Add(new ShopToCall(account.Id, account.Number, t.UnitNumber, t.Name, t.NameEn, t.ContactName, t.Mobile,
                    c.Reason, owed, inMeters, available, c.Since, c.GraceUntil));
            }
        }

        return [.. list.OrderBy(s => s.Reason).ThenBy(s => s.GraceUntil ?? DateTimeOffset.MaxValue).ThenBy(s => s.Available ?? 0m).ThenBy(s => s.Unit, StringComparer.Ordinal)];
    }
}
