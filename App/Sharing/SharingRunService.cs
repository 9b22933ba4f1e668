using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Prepaid.App.Kernel.Time;
using Prepaid.App.Kernel.Ledger;
using Prepaid.App.Persistence;
using Prepaid.Domain.Billing;
using Prepaid.Domain.Model;

using Prepaid.App.Persistence.Entities;
namespace Prepaid.App.Sharing;

/// <summary>
/// Shares each active rule's pool for every ended month that has no completed run: prices the pool meters, allocates
/// with <see cref="PublicAreaSharing.Allocate"/> (largest remainder, parts sum exactly to the net pool), stores the
/// basis, then posts each part under <c>public-area-share:{ruleId}:{yyyy-MM}:{tenantId}</c>. The stored run is
/// never recomputed: a resumed run posts exactly what it first decided.
/// </summary>
public sealed class SharingRunService(
    IDbContextFactory<PrepaidDb> dbFactory,
    LedgerService ledger,
    PublicAreaPoolPricer pricer,
    IOptions<SharingOptions> options,
    TimeProvider time,
    ILogger<SharingRunService> logger)
{
    public const string JobName = "public-area-sharing-job";
    public const string CauseType = "public-area-sharing";

    public static string IdempotencyKey(int ruleId, BillingMonth month, int tenantId) =>
        string.Create(CultureInfo.InvariantCulture, $"public-area-share:{ruleId}:{month}:{tenantId}");

    /// <summary>Runs every active rule's months that are due (the 1st at <see cref="SharingOptions.TimeOfDay"/> of
    /// the following month has passed) and not completed.</summary>
    public async Task<IReadOnlyList<SharingRun>> RunDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        List<(SharingRule Rule, string? Zone, HashSet<DateOnly> Completed)> rules;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var active = await db.SharingRules.AsNoTracking().Where(r => r.Active).OrderBy(r => r.Id).ToListAsync(cancellationToken);
            var zones = await db.Sites.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.TimeZoneId, cancellationToken);
            var ids = active.Select(r => r.Id).ToList();
            var completed = (await db.SharingRuns.AsNoTracking().Where(r => ids.Contains(r.RuleId) && r.CompletedAt != null)
                    .Select(r => new { r.RuleId, r.Month }).ToListAsync(cancellationToken))
                .ToLookup(r => r.RuleId, r => r.Month);
            rules = [.. active.Select(r => (r, zones.GetValueOrDefault(r.SiteId), completed[r.Id].ToHashSet()))];
        }

        var runs = new List<SharingRun>();
        foreach (var (rule, zone, completed) in rules)
        {
            var due = SiteMonths.Due(now, SiteTime.Zone(zone), options.Value.TimeOfDay, 1, BillingMonth.Of(rule.EffectiveFrom), options.Value.MaxCatchUpMonths);
            foreach (var month in due.Where(m => !completed.Contains(m.FirstDay)))
            {
                try
                {
                    runs.Add(await RunMonthAsync(rule.Id, month, cancellationToken));
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // One rule's failure (a meter without a tariff ...) must not stop the others.
                    logger.LogError(e, "Sharing rule {RuleId} for {Month} failed", rule.Id, month);
                }
            }
        }

        return runs;
    }

    /// <summary>Shares one rule's month; returns the completed run (the stored one when already complete).</summary>
    public async Task<SharingRun> RunMonthAsync(int ruleId, BillingMonth month, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var run = await Load(db, ruleId, month, cancellationToken) ?? await CreateAsync(db, ruleId, month, cancellationToken);
        if (run.CompletedAt is not null)
        {
            return run;
        }

        foreach (var part in run.Parts.Where(p => p.PostedAt is null && p.Reason is null && p.Amount > 0).OrderBy(p => p.TenantId))
        {
            await PostAsync(part, ruleId, month, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        run.CompletedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Public-area sharing rule {RuleId} {Month}: pool {Pool}, net {NetPool}, {Parts} tenants, allocated {Allocated}",
            ruleId, month, run.Pool, run.NetPool, run.Parts.Count, run.Allocated);
        return run;
    }

    private async Task PostAsync(SharingRunPart part, int ruleId, BillingMonth month, CancellationToken cancellationToken)
    {
        try
        {
            var note = string.Create(CultureInfo.InvariantCulture,
                $"Public-area share {month}: {part.KeyValue} / share {part.Share} = {part.ExactAmount} -> {part.Amount}");
            await ledger.PostAsync(new LedgerPosting(part.AccountId!.Value, LedgerEntryKind.PublicAreaShare, -part.Amount, part.IdempotencyKey, JobName,
                CauseType: CauseType, CauseId: string.Create(CultureInfo.InvariantCulture, $"{ruleId}:{month}"), Note: note), cancellationToken);
            part.PostedAt = time.GetUtcNow();
        }
        catch (LedgerRuleException e)
        {
            logger.LogWarning("Public-area share {Key} refused by the ledger: {Reason}", part.IdempotencyKey, e.Message);
            part.Reason = e.Message.Length > 500 ? e.Message[..500] : e.Message;
        }
    }

    private static Task<SharingRun?> Load(PrepaidDb db, int ruleId, BillingMonth month, CancellationToken cancellationToken) =>
        db.SharingRuns.Include(r => r.Parts).Include(r => r.Meters).SingleOrDefaultAsync(r => r.RuleId == ruleId && r.Month == month.FirstDay, cancellationToken);

    private async Task<SharingRun> CreateAsync(PrepaidDb db, int ruleId, BillingMonth month, CancellationToken cancellationToken)
    {
        var rule = await db.SharingRules.AsNoTracking().Include(r => r.Tenants).Include(r => r.Meters).SingleAsync(r => r.Id == ruleId, cancellationToken);
        var zone = SiteTime.Zone(await db.Sites.Where(s => s.Id == rule.SiteId).Select(s => s.TimeZoneId).SingleAsync(cancellationToken));
        var costs = await pricer.PriceAsync([.. rule.Meters.Select(m => m.MeterId)], month, zone, cancellationToken);
        var run = new SharingRun
        {
            RuleId = ruleId,
            Month = month.FirstDay,
            StartedAt = time.GetUtcNow(),
            Key = rule.Key,
            PoolQuantity = costs.Sum(c => c.Quantity),
            Pool = Fen.Round(costs.Sum(c => c.Amount)),
            Meters = [.. costs.Select(c => new SharingRunMeter { MeterId = c.MeterId, Quantity = c.Quantity, Amount = c.Amount })],
        };
        run.LossAllowance = PublicAreaSharing.LossAllowanceFromRate(run.Pool, rule.LossAllowanceRate);
        run.NetPool = run.Pool - run.LossAllowance;
        var accounts = (await db.Accounts.AsNoTracking().Where(a => a.ClosedAt == null).ToListAsync(cancellationToken))
            .GroupBy(a => a.TenantId).ToDictionary(g => g.Key, g => g.OrderBy(a => a.Id).First().Id);
        try
        {
            var participants = await ParticipantsAsync(db, rule, month, zone, cancellationToken);
            var result = PublicAreaSharing.Allocate(rule.Key, run.Pool, participants, run.LossAllowance);
            run.Parts = [.. result.Parts.Select(p => new SharingRunPart
            {
                TenantId = p.TenantId,
                AccountId = accounts.TryGetValue(p.TenantId, out var a) ? a : null,
                KeyValue = p.KeyValue,
                Share = p.Share,
                ExactAmount = p.ExactAmount,
                Amount = p.Amount,
                IdempotencyKey = IdempotencyKey(ruleId, month, p.TenantId),
                Reason = accounts.ContainsKey(p.TenantId) ? null : "The tenant has no open account.",
            })];
            run.Allocated = result.Parts.Sum(p => p.Amount);
            run.Unallocated = result.Unallocated;
        }
        catch (BillingValidationException e)
        {
            run.Error = e.Message.Length > 1000 ? e.Message[..1000] : e.Message;
            run.Unallocated = run.NetPool;
            run.CompletedAt = run.StartedAt;
            logger.LogWarning("Public-area sharing rule {RuleId} {Month} shares nothing: {Reason}", ruleId, month, e.Message);
        }

        db.SharingRuns.Add(run);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return run;
        }
        catch (DbUpdateException)
        {
            // Another run of the same rule and month stored its decision first: that one is the decision.
            db.ChangeTracker.Clear();
            return await Load(db, ruleId, month, cancellationToken) ?? throw new InvalidOperationException($"Sharing run {ruleId} {month} could not be stored.");
        }
    }

    /// <summary>Key values: the stored ratio or fee, the leased area, the month's own electricity consumption, or 1.</summary>
    private static async Task<List<SharingParticipant>> ParticipantsAsync(PrepaidDb db, SharingRule rule, BillingMonth month, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var tenantIds = rule.Tenants.Select(t => t.TenantId).ToList();
        switch (rule.Key)
        {
            case SharingKey.LeasedArea:
                var areas = await db.Tenants.AsNoTracking().Where(t => tenantIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.LeasedAreaM2, cancellationToken);
                return [.. rule.Tenants.Select(t => new SharingParticipant(t.TenantId, areas.GetValueOrDefault(t.TenantId)))];
            case SharingKey.Consumption:
                var (start, end) = SiteMonths.Bounds(month, zone);
                var meters = await (from m in db.Meters.AsNoTracking()
                                    join a in db.Accounts.AsNoTracking() on m.AccountId equals a.Id
                                    where tenantIds.Contains(a.TenantId) && m.Kind == MeterKind.Electricity && m.Role == MeterRole.Tenant
                                    select new { m.Id, a.TenantId }).ToListAsync(cancellationToken);
                var meterIds = meters.Select(m => m.Id).ToList();
                var perMeter = await db.IntervalEnergies.AsNoTracking()
                    .Where(i => meterIds.Contains(i.MeterId) && i.IntervalStart >= start && i.IntervalStart < end)
                    .GroupBy(i => i.MeterId).Select(g => new { g.Key, Total = g.Sum(i => i.Total) })
                    .ToDictionaryAsync(x => x.Key, x => x.Total, cancellationToken);
                var perTenant = meters.GroupBy(m => m.TenantId).ToDictionary(g => g.Key, g => g.Sum(m => perMeter.GetValueOrDefault(m.Id)));
                return [.. rule.Tenants.Select(t => new SharingParticipant(t.TenantId, perTenant.GetValueOrDefault(t.TenantId)))];
            case SharingKey.EqualSplit:
                return [.. rule.Tenants.Select(t => new SharingParticipant(t.TenantId, 1m))];
            default:
                return [.. rule.Tenants.Select(t => new SharingParticipant(t.TenantId, t.KeyValue))];
        }
    }
}
