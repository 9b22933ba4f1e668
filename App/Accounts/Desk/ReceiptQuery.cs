using Microsoft.EntityFrameworkCore;
using Prepaid.App.Persistence;
using Prepaid.Domain.Model;

namespace Prepaid.App.Accounts.Desk;

/// <summary>Everything printed on a receipt.</summary>
public sealed record ReceiptView(
    string SiteName, string Number, string AccountNumber, string TenantName, string TenantNameEn, string UnitNumber,
    decimal Amount, string AmountInCapitals, PaymentMethod Method, string Cashier, string IssuedAtSiteTime, decimal BalanceAfter);

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

        // The balance right after this recharge: every entry of the account up to and including it.
        var balanceAfter = await db.LedgerEntries.Where(e => e.AccountId == row.r.AccountId && e.Id <= row.EntryId).SumAsync(e => e.Amount, cancellationToken);
        return new ReceiptView(row.Site, row.r.Number, row.Number, row.Name, row.NameEn, row.UnitNumber, row.r.Amount,
            ChineseAmount.Format(row.r.Amount), row.r.Method, row.r.IssuedBy, SiteTime.Format(row.r.IssuedAt, SiteTime.Zone(row.TimeZoneId)), balanceAfter);
    }
}
