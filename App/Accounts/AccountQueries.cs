using Microsoft.EntityFrameworkCore;
using Prepaid.App.Kernel.Ledger;
using Prepaid.App.Persistence;
using Prepaid.Domain.Model;

namespace Prepaid.App.Accounts;

/// <summary>A meter on an account with its latest live values.</summary>
public sealed record AccountMeter(Meter Meter, MeterLiveState? Live);

/// <summary>An account, its tenant, balance and meters.</summary>
public sealed record AccountDetails(Account Account, Tenant Tenant, decimal Balance, IReadOnlyList<AccountMeter> Meters, TimeZoneInfo Zone);

/// <summary>Filters of an account's ledger; days are site-local and inclusive.</summary>
public sealed record LedgerFilter(LedgerEntryKind? Kind = null, PaymentMethod? Method = null, DateOnly? From = null, DateOnly? To = null);

/// <summary>A page of ledger entries (newest first), how many matched and what they sum to.</summary>
public sealed record LedgerPage(IReadOnlyList<LedgerEntry> Rows, int Total, decimal Sum, LedgerCauseNames? Names = null)
{
    /// <summary>Meter and receipt names for the rows' causes.</summary>
    public LedgerCauseNames CauseNames => Names ?? LedgerCauseNames.None;
}

/// <summary>A low-balance notice raised for the account (by the relay policy or meter billing).</summary>
public sealed record AccountNotice(DateTimeOffset At, Prepaid.Domain.Billing.NoticeLevel Level, decimal Balance, string Channel, string? MeterName);

/// <summary>Usage of one period: a site-local day or a month (its first day).</summary>
public sealed record UsagePoint(DateOnly Period, decimal Value);

/// <summary>What opening an account for a tenant can use: the tenant's meters and the free tenant meters, and the
/// tenant's open accounts (whose balance can be carried over).</summary>
public sealed record OpenCandidates(IReadOnlyList<Meter> Meters, IReadOnlyList<Account> OpenAccounts);

/// <summary>What the account page reads.</summary>
public sealed class AccountQueries(IDbContextFactory<PrepaidDb> factory, LedgerService ledger)
{
    public async Task<AccountDetails?> DetailsAsync(int accountId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var account = await db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        if (account is null)
        {
            return null;
        }

        var tenant = await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == account.TenantId, cancellationToken);
        var meters = await db.Meters.AsNoTracking().Where(m => m.AccountId == accountId).OrderBy(m => m.Kind).ThenBy(m => m.Name).ToListAsync(cancellationToken);
        var ids = meters.Select(m => m.Id).ToList();
        var live = await db.MeterLiveStates.AsNoTracking().Where(s => ids.Contains(s.MeterId)).ToDictionaryAsync(s => s.MeterId, cancellationToken);
        var zone = SiteTime.Zone(await db.Sites.Where(s => s.Id == tenant.SiteId).Select(s => s.TimeZoneId).FirstOrDefaultAsync(cancellationToken));
        return new AccountDetails(account, tenant, await ledger.BalanceAsync(accountId, cancellationToken),
            [.. meters.Select(m => new AccountMeter(m, live.GetValueOrDefault(m.Id)))], zone);
    }

    public async Task<IReadOnlyList<Tenant>> TenantsAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Tenants.AsNoTracking().OrderBy(t => t.UnitNumber).ToListAsync(cancellationToken);
    }

    public async Task<OpenCandidates> OpenCandidatesAsync(int tenantId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var accounts = await db.Accounts.AsNoTracking().Where(a => a.TenantId == tenantId && a.ClosedAt == null).OrderBy(a => a.Number).ToListAsync(cancellationToken);
        var accountIds = accounts.Select(a => a.Id).ToList();
        var closed = db.Accounts.Where(a => a.ClosedAt != null).Select(a => a.Id);
        var meters = await db.Meters.AsNoTracking()
            .Where(m => m.Role == MeterRole.Tenant && (m.AccountId == null || closed.Contains(m.AccountId.Value) || accountIds.Contains(m.AccountId.Value)))
            .OrderBy(m => m.Name).ToListAsync(cancellationToken);
        return new OpenCandidates(meters, accounts);
    }

    public async Task<LedgerPage> LedgerAsync(int accountId, LedgerFilter filter, int skip, int take, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var zone = await SiteTime.FirstSiteZoneAsync(db, cancellationToken);
        var query = db.LedgerEntries.AsNoTracking().Where(e => e.AccountId == accountId);
        if (filter.Kind is { } kind)
        {
            query = query.Where(e => e.Kind == kind);
        }

        if (filter.Method is { } method)
        {
            query = query.Where(e => e.PaymentMethod == method);
        }

        if (filter.From is { } from)
        {
            var start = SiteTime.MidnightUtc(from, zone);
            query = query.Where(e => e.OccurredAt >= start);
        }

        if (filter.To is { } to)
        {
            var end = SiteTime.MidnightUtc(to.AddDays(1), zone);
            query = query.Where(e => e.OccurredAt < end);
        }

        var total = await query.CountAsync(cancellationToken);
        var sum = await query.SumAsync(e => e.Amount, cancellationToken);
        // Newest first by when it happened: entries posted late (a billing catch-up) still sit at their own time.
        var rows = await query.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id).Skip(skip).Take(take).ToListAsync(cancellationToken);
        return new LedgerPage(rows, total, sum, await CauseNamesAsync(db, rows, cancellationToken));
    }

    private static async Task<LedgerCauseNames> CauseNamesAsync(PrepaidDb db, IReadOnlyList<LedgerEntry> rows, CancellationToken cancellationToken)
    {
        var meterIds = rows.Where(r => r.CauseType == LedgerDescriptions.IntervalCauseType)
            .Select(r => LedgerDescriptions.ParseInterval(r.CauseId)?.MeterId).OfType<int>().Distinct().ToList();
        var keys = rows.Where(r => r.Kind == LedgerEntryKind.Recharge).Select(r => r.IdempotencyKey)
            .Concat(rows.Where(r => r.Kind == LedgerEntryKind.Reversal && r.CauseId is not null).Select(r => r.CauseId!))
            .Distinct().ToList();
        var meters = meterIds.Count == 0 ? [] : await db.Meters.AsNoTracking().Where(m => meterIds.Contains(m.Id))
            .ToDictionaryAsync(m => m.Id, m => m.Name, cancellationToken);
        var receipts = keys.Count == 0 ? [] : await db.Receipts.AsNoTracking().Where(r => keys.Contains(r.LedgerEntryKey))
            .ToDictionaryAsync(r => r.LedgerEntryKey, r => r.Number, cancellationToken);
        return new LedgerCauseNames(meters, receipts);
    }

    /// <summary>The account's latest low-balance notices, newest first.</summary>
    public async Task<IReadOnlyList<AccountNotice>> NoticesAsync(int accountId, int take, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await (
            from n in db.TenantNotices.AsNoTracking()
            where n.AccountId == accountId
            join m in db.Meters on n.MeterId equals m.Id into meters
            from m in meters.DefaultIfEmpty()
            orderby n.At descending, n.Id descending
            select new AccountNotice(n.At, n.Level, n.Balance, n.Channel, m != null ? m.Name : null))
            .Take(take).ToListAsync(cancellationToken);
        return rows;
    }

    /// <summary>Consumption per site-local day (kWh or m³) over the last <paramref name="days"/> days including today,
    /// from the 15-minute interval energy; days without data are 0.</summary>
    public async Task<IReadOnlyList<UsagePoint>> DailyUsageAsync(int meterId, DateOnly today, int days, CancellationToken cancellationToken)
    {
        var first = today.AddDays(1 - days);
        var byDay = await UsageByDayAsync(meterId, first, today, cancellationToken);
        return [.. Enumerable.Range(0, days).Select(i => first.AddDays(i)).Select(d => new UsagePoint(d, byDay.GetValueOrDefault(d)))];
    }

    /// <summary>Consumption per site-local month over the last <paramref name="months"/> months including this one.</summary>
    public async Task<IReadOnlyList<UsagePoint>> MonthlyUsageAsync(int meterId, DateOnly today, int months, CancellationToken cancellationToken)
    {
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        var first = thisMonth.AddMonths(1 - months);
        var byDay = await UsageByDayAsync(meterId, first, today, cancellationToken);
        return [.. Enumerable.Range(0, months).Select(i => first.AddMonths(i))
            .Select(m => new UsagePoint(m, byDay.Where(d => d.Key.Year == m.Year && d.Key.Month == m.Month).Sum(d => d.Value)))];
    }

    private async Task<Dictionary<DateOnly, decimal>> UsageByDayAsync(int meterId, DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var zone = await SiteTime.FirstSiteZoneAsync(db, cancellationToken);
        var start = SiteTime.MidnightUtc(first, zone);
        var end = SiteTime.MidnightUtc(last.AddDays(1), zone);
        var intervals = await db.IntervalEnergies.AsNoTracking()
            .Where(i => i.MeterId == meterId && i.IntervalStart >= start && i.IntervalStart < end)
            .Select(i => new { i.IntervalStart, i.Total })
            .ToListAsync(cancellationToken);
        return intervals.GroupBy(i => SiteTime.Today(i.IntervalStart, zone)).ToDictionary(g => g.Key, g => g.Sum(i => i.Total));
    }
}
