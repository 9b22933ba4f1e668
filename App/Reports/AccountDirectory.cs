using Microsoft.EntityFrameworkCore;
using Prepaid.App.Persistence;
using Prepaid.App.Kernel.Reporting;
namespace Prepaid.App.Reports;

/// <summary>An account with its shop, as reports print it.</summary>
public sealed record AccountLine(int AccountId, string Number, string Unit, string ShopName, DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt);

/// <summary>Accounts and their tenants, loaded once per report.</summary>
internal static class AccountDirectory
{
    public static async Task<Dictionary<int, AccountLine>> LoadAsync(PrepaidDb db, ReportText text, CancellationToken cancellationToken)
    {
        var chinese = text.IsChinese;
        var rows = await (from a in db.Accounts.AsNoTracking()
                          join t in db.Tenants.AsNoTracking() on a.TenantId equals t.Id
                          select new { a.Id, a.Number, t.UnitNumber, t.Name, t.NameEn, a.OpenedAt, a.ClosedAt })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Id, r => new AccountLine(r.Id, r.Number, r.UnitNumber, chinese ? r.Name : r.NameEn, r.OpenedAt, r.ClosedAt));
    }
}
