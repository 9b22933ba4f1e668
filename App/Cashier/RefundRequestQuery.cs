using Microsoft.EntityFrameworkCore;
using Prepaid.App.Persistence;
using Prepaid.Domain.Model;

namespace Prepaid.App.Cashier;

/// <summary>A request with the account and tenant it concerns, for the approval list.</summary>
public sealed record RefundRequestRow(RefundRequest Request, string AccountNumber, string TenantName, string UnitNumber, string TenantNameEn = "")
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
        return [.. rows.Select(x => new RefundRequestRow(x.q, x.Number, x.Name, x.UnitNumber, x.NameEn))];
    }

    public async Task<TimeZoneInfo> ZoneAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await SiteTime.FirstSiteZoneAsync(db, cancellationToken);
    }
}
