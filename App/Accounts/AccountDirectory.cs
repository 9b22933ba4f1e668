using Microsoft.EntityFrameworkCore;
using Prepaid.App.Kernel.Ledger;
using Prepaid.App.Persistence;
using Prepaid.Domain.Model;

namespace Prepaid.App.Accounts;

/// <summary>What the meters that bill themselves (内控) hold for an account: the sum of the remaining amounts read, how
/// many of those meters were never read, and the oldest of the read times (the sum is no newer than that).</summary>
public sealed record MeterHeldSum(decimal ReadSum, int Unread, DateTimeOffset? OldestReadAt)
{
    /// <summary>The sum when every meter was read; unknown (null) while one is unread, never counted as 0.</summary>
    public decimal? Total => Unread == 0 ? ReadSum : null;
}

/// <summary>One account in a list: its tenant, ledger balance, how many meters draw on it and, when some of them bill
/// themselves, what those meters hold.</summary>
public sealed record AccountRow(int AccountId, string Number, int TenantId, string TenantName, string TenantNameEn, string UnitNumber,
    string ContactName, string Mobile, string? MobileAlt, decimal Balance, int MeterCount, DateTimeOffset? ClosedAt, MeterHeldSum? Held = null)
{
    /// <summary>The money that counts for the tenant: what the meters hold for a meter-billed account (null while a meter
    /// is unread), otherwise the ledger balance.</summary>
    public decimal? Available => Held is null ? Balance : Held.Total;
}

/// <summary>A page of accounts, the number that matched, and the site's time zone for read times.</summary>
public sealed record AccountPage(IReadOnlyList<AccountRow> Rows, int Total, TimeZoneInfo? Zone = null)
{
    /// <summary>The site's time zone (UTC when the site has none).</summary>
    public TimeZoneInfo SiteZone => Zone ?? TimeZoneInfo.Utc;
}

/// <summary>Finds accounts by unit number, shop name (Chinese or English), account number, contact or mobile.</summary>
public sealed class AccountDirectory(IDbContextFactory<PrepaidDb> factory, LedgerService ledger)
{
    public async Task<AccountPage> SearchAsync(string? text, bool includeClosed, int skip, int take, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var query = from a in db.Accounts
                    join t in db.Tenants on a.TenantId equals t.Id
                    select new { a, t };
        if (!includeClosed)
        {
            query = query.Where(x => x.a.ClosedAt == null);
        }

        if (!string.IsNullOrWhiteSpace(text))
        {
            var pattern = LikePattern.Contains(text.Trim());
            query = query.Where(x =>
                EF.Functions.Like(x.t.UnitNumber, pattern, LikePattern.Escape)
                || EF.Functions.Like(x.t.Name, pattern, LikePattern.Escape)
                || EF.Functions.Like(x.t.NameEn, pattern, LikePattern.Escape)
                || EF.Functions.Like(x.a.Number, pattern, LikePattern.Escape)
                || EF.Functions.Like(x.t.ContactName, pattern, LikePattern.Escape)
                || EF.Functions.Like(x.t.Mobile, pattern, LikePattern.Escape)
                || (x.t.MobileAlt != null && EF.Functions.Like(x.t.MobileAlt, pattern, LikePattern.Escape)));
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderBy(x => x.t.UnitNumber).ThenBy(x => x.a.Number).Skip(skip).Take(take)
            .Select(x => new
            {
                x.a.Id, x.a.Number, x.a.TenantId, x.t.Name, x.t.NameEn, x.t.UnitNumber, x.t.ContactName, x.t.Mobile, x.t.MobileAlt, x.a.ClosedAt,
                Meters = db.Meters.Count(m => m.AccountId == x.a.Id),
            })
            .ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Id).ToList();
        var balances = await ledger.BalancesAsync(ids, cancellationToken);
        var held = await HeldAsync(db, ids, cancellationToken);
        return new AccountPage(
            [.. rows.Select(r => new AccountRow(r.Id, r.Number, r.TenantId, r.Name, r.NameEn, r.UnitNumber, r.ContactName, r.Mobile, r.MobileAlt,
                balances.GetValueOrDefault(r.Id), r.Meters, r.ClosedAt, held.GetValueOrDefault(r.Id)))],
            total, await SiteTime.FirstSiteZoneAsync(db, cancellationToken));
    }

    /// <summary>The meter-billed meters of the listed accounts with their live states, in one query.</summary>
    private static async Task<Dictionary<int, MeterHeldSum>> HeldAsync(PrepaidDb db, List<int> accountIds, CancellationToken cancellationToken)
    {
        if (accountIds.Count == 0)
        {
            return [];
        }

        var meters = await (
            from m in db.Meters.AsNoTracking()
            where m.AccountId != null && accountIds.Contains(m.AccountId.Value) && m.BillingMode == BillingMode.Meter
            join s in db.MeterLiveStates on m.Id equals s.MeterId into states
            from s in states.DefaultIfEmpty()
            select new { AccountId = m.AccountId!.Value, Remaining = s == null ? null : s.RemainingYuan, ReadAt = s == null ? (DateTimeOffset?)null : s.LastGoodAt ?? s.UpdatedAt })
            .ToListAsync(cancellationToken);
        return meters.GroupBy(m => m.AccountId).ToDictionary(g => g.Key, g =>
        {
            var read = g.Where(m => m.Remaining is not null).ToList();
            return new MeterHeldSum(read.Sum(m => m.Remaining!.Value), g.Count() - read.Count, read.Count == 0 ? null : read.Min(m => m.ReadAt));
        });
    }
}
