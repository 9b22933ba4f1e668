using Microsoft.EntityFrameworkCore;
using Prepaid.App.Persistence;
using Prepaid.Domain.Model;

namespace Prepaid.App.Billing.MeterBilling;

/// <summary>One discrepancy as the reconciliation page lists it.</summary>
public sealed record DiscrepancyRow(long Id, DateOnly RunDate, int MeterId, string MeterName, string? AccountNumber, DiscrepancyKind Kind,
    decimal? Expected, decimal? Reported, string Detail, DateTimeOffset FoundAt);

/// <summary>The nightly reconciliation's results for the reconciliation page.</summary>
public sealed class DiscrepancyQuery(IDbContextFactory<PrepaidDb> factory)
{
    /// <summary>The run dates that have results (snapshots or discrepancies), newest first.</summary>
    public async Task<List<DateOnly>> RunDatesAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var dates = await db.ReconciliationSnapshots.AsNoTracking().Select(s => s.RunDate).Distinct().ToListAsync(cancellationToken);
        dates.AddRange(await db.ReconciliationDiscrepancies.AsNoTracking().Select(d => d.RunDate).Distinct().ToListAsync(cancellationToken));
        return [.. dates.Distinct().OrderDescending()];
    }

    /// <summary>How many meters were compared on a date.</summary>
    public async Task<int> ComparedAsync(DateOnly runDate, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.ReconciliationSnapshots.AsNoTracking().CountAsync(s => s.RunDate == runDate, cancellationToken);
    }

    /// <summary>Every discrepancy of a run date, by meter.</summary>
    public async Task<List<DiscrepancyRow>> OfDateAsync(DateOnly runDate, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await (from d in db.ReconciliationDiscrepancies.AsNoTracking()
                          join m in db.Meters.AsNoTracking() on d.MeterId equals m.Id
                          join a in db.Accounts.AsNoTracking() on d.AccountId equals a.Id into accounts
                          from a in accounts.DefaultIfEmpty()
                          where d.RunDate == runDate
                          select new DiscrepancyRow(d.Id, d.RunDate, d.MeterId, m.Name, a == null ? null : a.Number, d.Kind, d.Expected, d.Reported, d.Detail, d.FoundAt))
            .ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.MeterName, StringComparer.Ordinal).ThenBy(r => r.Kind)];
    }

    public async Task<TimeZoneInfo> SiteZoneAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await SiteTime.FirstSiteZoneAsync(db, cancellationToken);
    }
}
