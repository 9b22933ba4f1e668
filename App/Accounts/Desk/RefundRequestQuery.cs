using Microsoft.EntityFrameworkCore;
using Prepaid.App.Persistence;
using Prepaid.Domain.Model;

namespace Prepaid.App.Accounts.Desk;

/// <summary>A request with the account and tenant it concerns, for the approval list.</summary>
/// <param name="Balance">The account's ledger balance now (what a refund would come out of).</param>
public sealed record RefundRequestRow(RefundRequest Request, string AccountNumber, string TenantName, string UnitNumber, string TenantNameEn = "", decimal Balance = 0m)
{
    /// <summary>The tenant's name in the reader's language (the Chinese name when there is no English one).</summary>
    public string LocalTenantName => TenantNames.Local(TenantName, TenantNameEn);
}

/// <summary>Picks the tenant name to show in the current UI culture.</summary>
public static class TenantNames
{
    public static string Local(string chinese, string english) =>
        System.Globalization.CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal) || string.IsNullOrWhiteSpace(english) ? chinese : english;
}

public sealed class RefundRequestQuery(IDbContextFactory<PrepaidDb> factory)
{
    /// <summary>Pending requests oldest first, or the latest decided ones newest first.</summary>
    public async Task<IReadOnlyList<RefundRequestRow>> ListAsync(bool pending, int take, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var query = from q in db.RefundRequests
                    join a in db.Accounts on q.AccountId equals a.Id
                    join t in db.Tenants on a.TenantId equals t.Id
                    select new { q, a.Number, t.Name, t.UnitNumber, t.NameEn };
        query = pending
            ? query.Where(x => x.q.State == RefundRequestState.Pending).OrderBy(x => x.q.Id)
            : query.Where(x => x.q.State != RefundRequestState.Pending).OrderByDescending(x => x.q.DecidedAt);
        var rows = await query.Take(take).ToListAsync(cancellationToken);
        var ids = rows.Select(x => x.q.AccountId).Distinct().ToList();
        var balances = await db.LedgerEntries.Where(e => ids.Contains(e.AccountId))
            .GroupBy(e => e.AccountId)
            .Select(g => new { g.Key, Balance = g.Sum(e => e.Amount) })
            .ToDictionaryAsync(x => x.Key, x => x.Balance, cancellationToken);
        return [.. rows.Select(x => new RefundRequestRow(x.q, x.Number, x.Name, x.UnitNumber, x.NameEn, balances.GetValueOrDefault(x.q.AccountId)))];
    }

    public async Task<TimeZoneInfo> ZoneAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await SiteTime.FirstSiteZoneAsync(db, cancellationToken);
    }
}
