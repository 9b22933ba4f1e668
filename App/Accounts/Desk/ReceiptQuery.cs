using Microsoft.EntityFrameworkCore;
using Prepaid.App.Kernel.Ledger;
using Prepaid.App.Persistence;
using Prepaid.Domain.Model;

namespace Prepaid.App.Accounts.Desk;

/// <summary>One owed charge a payment settled: the charge as posted and what of it this payment paid.</summary>
public sealed record ReceiptSettlement(LedgerEntry? Charge, decimal Amount);

/// <summary>One part of a payment sent to a meter.</summary>
public sealed record ReceiptMeterPart(string MeterName, MeterKind Kind, decimal Amount, RechargeDeliveryState State);

/// <summary>Everything printed on a receipt. <see cref="Planned"/> is false while nobody has decided yet where the money
/// goes (the delivery plans it within moments); <see cref="BalanceAfter"/> is the ledger after this payment and its
/// meter purchases: negative is still owed.</summary>
public sealed record ReceiptView(
    string SiteName, string Number, string AccountNumber, string TenantName, string TenantNameEn, string UnitNumber,
    decimal Amount, string AmountInCapitals, PaymentMethod Method, string Cashier, string IssuedAtSiteTime, decimal BalanceAfter)
{
    public IReadOnlyList<ReceiptSettlement> Settlements { get; init; } = [];
    public IReadOnlyList<ReceiptMeterPart> MeterParts { get; init; } = [];
    public bool MeterBilled { get; init; }
    public bool Planned { get; init; } = true;
    public TimeZoneInfo Zone { get; init; } = TimeZoneInfo.Utc;
}

public sealed class ReceiptQuery(IDbContextFactory<PrepaidDb> factory)
{
    public async Task<ReceiptView?> FindAsync(string number, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var row = await (
            from r in db.Receipts
            where r.Number == number
            join a in db.Accounts on r.AccountId equals a.Id
            join t in db.Tenants on a.TenantId equals t.Id
            join s in db.Sites on t.SiteId equals s.Id
            join e in db.LedgerEntries on r.LedgerEntryKey equals e.IdempotencyKey
            select new { r, a.Number, t.Name, t.NameEn, t.UnitNumber, Site = s.Name, s.TimeZoneId, EntryId = e.Id })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        // Where every fen went: the debts it settled, the parts sent to meters (each with its purchase entry).
        var settlements = await db.PaymentSettlements.AsNoTracking().Where(x => x.PaymentEntryId == row.EntryId).OrderBy(x => x.Id).ToListAsync(cancellationToken);
        var chargeKeys = settlements.Where(x => x.ChargeKey != null).Select(x => x.ChargeKey!).ToList();
        var charges = await db.LedgerEntries.AsNoTracking().Where(e => chargeKeys.Contains(e.IdempotencyKey)).ToDictionaryAsync(e => e.IdempotencyKey, cancellationToken);
        var parts = await (
            from d in db.RechargeDeliveries
            where d.LedgerEntryId == row.EntryId
            join m in db.Meters on d.MeterId equals m.Id
            orderby m.Kind, m.Id
            select new ReceiptMeterPart(m.Name, m.Kind, d.Amount, d.State))
            .ToListAsync(cancellationToken);
        var meterBilled = await db.Meters.AnyAsync(m => m.AccountId == row.r.AccountId && m.BillingMode == BillingMode.Meter, cancellationToken);
        var purchasePrefix = MeterPurchases.PrefixFor(row.r.LedgerEntryKey);

        // The ledger right after this payment: every entry up to it, and the purchases that sent its money to the meters.
        var balanceAfter = await db.LedgerEntries
            .Where(e => e.AccountId == row.r.AccountId && (e.Id <= row.EntryId || (e.Kind == LedgerEntryKind.MeterPurchase && e.IdempotencyKey.StartsWith(purchasePrefix))))
            .SumAsync(e => e.Amount, cancellationToken);
        // The receipt names the person who took the money; the login is what the journal keeps.
        var displayName = await db.Users.AsNoTracking().Where(u => u.UserName == row.r.IssuedBy).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken);
        var cashier = string.IsNullOrWhiteSpace(displayName) ? row.r.IssuedBy : displayName;
        var zone = SiteTime.Zone(row.TimeZoneId);
        return new ReceiptView(row.Site, row.r.Number, row.Number, row.Name, row.NameEn, row.UnitNumber, row.r.Amount,
            ChineseAmount.Format(row.r.Amount), row.r.Method, cashier, SiteTime.Format(row.r.IssuedAt, zone), balanceAfter)
        {
            Settlements = [.. settlements.Select(x => new ReceiptSettlement(x.ChargeKey is { } key ? charges.GetValueOrDefault(key) : null, x.Amount))],
            MeterParts = parts,
            MeterBilled = meterBilled,
            Planned = !meterBilled || settlements.Count > 0 || parts.Count > 0,
            Zone = zone,
        };
    }
}
