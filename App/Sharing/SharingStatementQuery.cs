using Microsoft.EntityFrameworkCore;
using Prepaid.App.Persistence;
using Prepaid.Domain.Billing;

namespace Prepaid.App.Sharing;

/// <summary>A run as the sharing statement shows it.</summary>
public sealed record SharingStatement(
    long RunId, int RuleId, string RuleName, DateOnly Month, SharingKey Key, DateTimeOffset StartedAt, DateTimeOffset? CompletedAt,
    decimal PoolQuantity, decimal Pool, decimal LossAllowance, decimal NetPool, decimal Allocated, decimal Unallocated, string? Error,
    IReadOnlyList<SharingStatementMeter> Meters, IReadOnlyList<SharingStatementLine> Lines);

/// <summary>A pool meter's line: its consumption and cost.</summary>
public sealed record SharingStatementMeter(int MeterId, string MeterName, decimal Quantity, decimal Amount);

/// <summary>A tenant's line: the basis (key value, share, exact amount) and the charge.</summary>
public sealed record SharingStatementLine(
    int TenantId, string UnitNumber, string TenantName, string TenantNameEn, decimal KeyValue, decimal Share, decimal ExactAmount, decimal Amount,
    bool Posted, string? Reason);

/// <summary>Reads stored sharing runs for the sharing statement report (nothing is recomputed).</summary>
public sealed class SharingStatementQuery(IDbContextFactory<PrepaidDb> dbFactory)
{
    /// <summary>Every run of the months from <paramref name="from"/> to <paramref name="to"/> (inclusive), oldest first.</summary>
    public async Task<IReadOnlyList<SharingStatement>> ForMonthsAsync(BillingMonth from, BillingMonth to, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ids = await db.SharingRuns.AsNoTracking().Where(r => r.Month >= from.FirstDay && r.Month <= to.FirstDay)
            .OrderBy(r => r.Month).ThenBy(r => r.RuleId).Select(r => r.Id).ToListAsync(cancellationToken);
        var statements = new List<SharingStatement>();
        foreach (var id in ids)
        {
            statements.Add((await LoadAsync(db, id, cancellationToken))!);
        }

        return statements;
    }

    public async Task<SharingStatement?> ForRunAsync(long runId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await LoadAsync(db, runId, cancellationToken);
    }

    private static async Task<SharingStatement?> LoadAsync(PrepaidDb db, long runId, CancellationToken cancellationToken)
    {
        var run = await db.SharingRuns.AsNoTracking().Include(r => r.Parts).Include(r => r.Meters).SingleOrDefaultAsync(r => r.Id == runId, cancellationToken);
        if (run is null)
        {
            return null;
        }

        var ruleName = await db.SharingRules.Where(r => r.Id == run.RuleId).Select(r => r.Name).SingleAsync(cancellationToken);
        var tenantIds = run.Parts.Select(p => p.TenantId).ToList();
        var tenants = await db.Tenants.AsNoTracking().Where(t => tenantIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, cancellationToken);
        var meterIds = run.Meters.Select(m => m.MeterId).ToList();
        var meters = await db.Meters.AsNoTracking().Where(m => meterIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Name, cancellationToken);
        return new SharingStatement(run.Id, run.RuleId, ruleName, run.Month, run.Key, run.StartedAt, run.CompletedAt, run.PoolQuantity, run.Pool,
            run.LossAllowance, run.NetPool, run.Allocated, run.Unallocated, run.Error,
            [.. run.Meters.OrderBy(m => m.MeterId).Select(m => new SharingStatementMeter(m.MeterId, meters.GetValueOrDefault(m.MeterId, ""), m.Quantity, m.Amount))],
            [.. run.Parts.OrderBy(p => tenants.TryGetValue(p.TenantId, out var t) ? t.UnitNumber : "").Select(p =>
            {
                var t = tenants[p.TenantId];
                return new SharingStatementLine(p.TenantId, t.UnitNumber, t.Name, t.NameEn, p.KeyValue, p.Share, p.ExactAmount, p.Amount, p.PostedAt is not null, p.Reason);
            })]);
    }
}
