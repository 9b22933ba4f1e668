using Microsoft.EntityFrameworkCore;
using Prepaid.App.Billing.Ledger;
using Prepaid.App.Persistence;

namespace Prepaid.App.Accounts;

/// <summary>One account in a list: its tenant, balance and how many meters draw on it.</summary>
public sealed record AccountRow(int AccountId, string Number, int TenantId, string TenantName, string TenantNameEn, string UnitNumber,
    string ContactName, string Mobile, string? MobileAlt, decimal Balance, int MeterCount, DateTimeOffset? ClosedAt);

/// <summary>A page of accounts and the number that matched.</summary>
public sealed record AccountPage(IReadOnlyList<AccountRow> Rows, int Total);

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
        var balances = await ledger.BalancesAsync([.. rows.Select(r => r.Id)], cancellationToken);
        return new AccountPage(
            [.. rows.Select(r => new AccountRow(r.Id, r.Number, r.TenantId, r.Name, r.NameEn, r.UnitNumber, r.ContactName, r.Mobile, r.MobileAlt,
                balances.GetValueOrDefault(r.Id), r.Meters, r.ClosedAt))],
            total);
    }
}
