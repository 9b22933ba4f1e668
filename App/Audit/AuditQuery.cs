using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Prepaid.App.Identity;
using Prepaid.App.Persistence;
using Prepaid.Domain.Model;
using Prepaid.Domain.Security;
using Prepaid.App.Kernel.Security;

namespace Prepaid.App.Audit;

/// <summary>Audit search: user name contains, kind, and a period of site-local days (both ends included).</summary>
public sealed record AuditFilter(string? User = null, AuditKind? Kind = null, DateOnly? From = null, DateOnly? To = null);

/// <summary>Reads the audit log for the search page and the export; never writes to it.</summary>
public sealed class AuditQuery(IDbContextFactory<PrepaidDb> factory)
{
    public const int MaxPageSize = 500;

    /// <summary>Rows of one export at most; a wider period is refused rather than cut silently.</summary>
    public const int MaxExportRows = 200_000;

    public async Task<(IReadOnlyList<AuditEntry> Rows, int Total)> GetPageAsync(
        ClaimsPrincipal actor, AuditFilter filter, int page, int pageSize, CancellationToken cancellationToken)
    {
        actor.Demand(Permission.ViewAuditLog);
        ArgumentOutOfRangeException.ThrowIfNegative(page);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, MaxPageSize);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var query = await FilterAsync(db, filter, cancellationToken);
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(a => a.Id).Skip(page * pageSize).Take(pageSize).AsNoTracking().ToListAsync(cancellationToken);
        return (rows, total);
    }

    public async Task<IReadOnlyList<AuditEntry>> GetForExportAsync(ClaimsPrincipal actor, AuditFilter filter, CancellationToken cancellationToken)
    {
        actor.Demand(Permission.ViewAuditLog);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var query = await FilterAsync(db, filter, cancellationToken);
        var count = await query.CountAsync(cancellationToken);
        if (count > MaxExportRows)
        {
            throw new AuditExportTooLargeException(count);
        }

        return await query.OrderBy(a => a.Id).AsNoTracking().ToListAsync(cancellationToken);
    }

    /// <summary>The site's time zone, which defines what a "day" in the filter means.</summary>
    public async Task<TimeZoneInfo> SiteZoneAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await SiteTime.FirstSiteZoneAsync(db, cancellationToken);
    }

    private async Task<IQueryable<AuditEntry>> FilterAsync(PrepaidDb db, AuditFilter filter, CancellationToken cancellationToken)
    {
        var query = db.AuditEntries.AsQueryable();
        if (!string.IsNullOrWhiteSpace(filter.User))
        {
            var pattern = LikePattern.Contains(filter.User.Trim());
            query = query.Where(a => EF.Functions.Like(a.UserName, pattern, LikePattern.Escape));
        }

        if (filter.Kind is { } kind)
        {
            query = query.Where(a => a.Kind == kind);
        }

        if (filter.From is not null || filter.To is not null)
        {
            var zone = await SiteZoneAsync(cancellationToken);
            if (filter.From is { } from)
            {
                var start = SiteTime.MidnightUtc(from, zone);
                query = query.Where(a => a.At >= start);
            }

            if (filter.To is { } to)
            {
                var end = SiteTime.MidnightUtc(to.AddDays(1), zone);
                query = query.Where(a => a.At < end);
            }
        }

        return query;
    }

}

/// <summary>An export wider than <see cref="AuditQuery.MaxExportRows"/>: the user narrows the period.</summary>
public sealed class AuditExportTooLargeException(int rows)
    : Exception($"The selection has {rows} entries; narrow it to at most {AuditQuery.MaxExportRows}.")
{
    public int Rows { get; } = rows;
}
