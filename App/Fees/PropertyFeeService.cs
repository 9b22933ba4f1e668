using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Prepaid.App.Kernel.Ledger;
using Prepaid.App.Persistence;
using Prepaid.Domain.Billing;
using Prepaid.Domain.Model;

using Prepaid.App.Kernel.Time;
using Prepaid.App.Persistence.Entities;
namespace Prepaid.App.Fees;

/// <summary>
/// Deducts each tenant's property fee once per site month through the ledger. The ledger key
/// <c>property-fee:{tenantId}:{yyyy-MM}</c> makes every step repeatable: a second run, a run resumed after a stop,
/// or a catch-up of a month missed while the server was down posts nothing twice. A fee that takes a balance to
/// or below zero is only posted here; the relay policy reacts to the ledger change (arrears path).
/// </summary>
public sealed class PropertyFeeService(
    IDbContextFactory<PrepaidDb> dbFactory,
    LedgerService ledger,
    IOptions<PropertyFeeOptions> options,
    TimeProvider time,
    ILogger<PropertyFeeService> logger)
{
    /// <summary>Recorded as who posted the entries and who ran the run.</summary>
    public const string JobName = PropertyFee.DefaultRecordedBy;

    /// <summary>Runs every month whose deadline (the 1st at <see cref="PropertyFeeOptions.TimeOfDay"/>, site time)
    /// has passed and that has no completed run, within <see cref="PropertyFeeOptions.MaxCatchUpMonths"/>.</summary>
    public async Task<IReadOnlyList<PropertyFeeRun>> RunDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var runs = new List<PropertyFeeRun>();
        List<(int Id, string TimeZoneId)> sites;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            sites = (await db.Sites.AsNoTracking().Select(s => new { s.Id, s.TimeZoneId }).ToListAsync(cancellationToken))
                .Select(s => (s.Id, s.TimeZoneId)).ToList();
        }

        foreach (var (siteId, zoneId) in sites)
        {
            DateOnly? earliest;
            HashSet<DateOnly> completed;
            await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
            {
                var effective = await (from s in db.PropertyFeeSettings
                                        join t in db.Tenants on s.TenantId equals t.Id
                                        where t.SiteId == siteId
                                        select s.EffectiveFrom).Distinct().ToListAsync(cancellationToken);
                earliest = effective.Count == 0 ? null : effective.Min();
                completed = (await db.PropertyFeeRuns.Where(r => r.SiteId == siteId && r.CompletedAt != null)
                    .Select(r => r.Month).ToListAsync(cancellationToken)).ToHashSet();
            }

            if (earliest is not { } first)
            {
                continue;
            }

            var due = SiteMonths.Due(now, SiteTime.Zone(zoneId), options.Value.TimeOfDay, 0, BillingMonth.Of(first), options.Value.MaxCatchUpMonths);
            foreach (var month in due.Where(m => !completed.Contains(m.FirstDay)))
            {
                runs.Add(await RunMonthAsync(siteId, month, cancellationToken));
            }
        }

        return runs;
    }

    /// <summary>Charges one site month; returns the completed run (the stored one when it was already complete).</summary>
    public async Task<PropertyFeeRun> RunMonthAsync(int siteId, BillingMonth month, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var run = await StartOrResumeAsync(db, siteId, month, now, cancellationToken);
        if (run.CompletedAt is not null)
        {
            return run;
        }

        var tenants = await (from t in db.Tenants.AsNoTracking()
                             where t.SiteId == siteId
                             join s in db.PropertyFeeSettings.AsNoTracking() on t.Id equals s.TenantId into settings
                             from s in settings.DefaultIfEmpty()
                             orderby t.Id
                             select new { Tenant = t, Setting = s }).ToListAsync(cancellationToken);
        var accounts = (await db.Accounts.AsNoTracking().Where(a => a.ClosedAt == null).ToListAsync(cancellationToken))
            .GroupBy(a => a.TenantId).ToDictionary(g => g.Key, g => g.OrderBy(a => a.Id).First());
        var keys = tenants.Select(t => PropertyFee.IdempotencyKey(t.Tenant.Id, month)).ToList();
        var posted = await db.LedgerEntries.AsNoTracking().Where(e => keys.Contains(e.IdempotencyKey))
            .ToDictionaryAsync(e => e.IdempotencyKey, e => e.Amount, cancellationToken);
        var balances = await ledger.BalancesAsync([.. accounts.Values.Select(a => a.Id)], cancellationToken);
        var done = run.Items.Select(i => i.TenantId).ToHashSet();

        foreach (var row in tenants.Where(t => !done.Contains(t.Tenant.Id)))
        {
            var account = accounts.GetValueOrDefault(row.Tenant.Id);
            var item = await ChargeAsync(row.Tenant, row.Setting, account, month, now,
                account is null ? 0m : balances.GetValueOrDefault(account.Id), posted, cancellationToken);
            run.Items.Add(item);
            await db.SaveChangesAsync(cancellationToken);
        }

        var charged = run.Items.Where(i => i.Outcome is PropertyFeeItemOutcome.Charged or PropertyFeeItemOutcome.AlreadyCharged).ToList();
        run.TenantsCharged = charged.Count;
        run.Total = charged.Sum(i => i.Fee);
        run.TenantsSkipped = run.Items.Count - charged.Count;
        run.CompletedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Property fee {Month}: {Charged} tenants charged, {Total} yuan, {Skipped} skipped",
            month, run.TenantsCharged, run.Total, run.TenantsSkipped);
        return run;
    }

    private static async Task<PropertyFeeRun> StartOrResumeAsync(PrepaidDb db, int siteId, BillingMonth month, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var existing = await db.PropertyFeeRuns.Include(r => r.Items).SingleOrDefaultAsync(r => r.SiteId == siteId && r.Month == month.FirstDay, cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

        var run = new PropertyFeeRun { SiteId = siteId, Month = month.FirstDay, StartedAt = now, RunBy = JobName };
        db.PropertyFeeRuns.Add(run);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return run;
        }
        catch (DbUpdateException)
        {
            // Another run of the job started the same month first (unique site and month): resume that one.
            db.ChangeTracker.Clear();
            return await db.PropertyFeeRuns.Include(r => r.Items).SingleAsync(r => r.SiteId == siteId && r.Month == month.FirstDay, cancellationToken);
        }
    }

    private async Task<PropertyFeeRunItem> ChargeAsync(
        Tenant tenant, PropertyFeeSetting? setting, Account? account, BillingMonth month, DateTimeOffset now, decimal balance,
        IReadOnlyDictionary<string, decimal> posted, CancellationToken cancellationToken)
    {
        var item = new PropertyFeeRunItem { TenantId = tenant.Id, AccountId = account?.Id };
        if (setting is null || setting.EffectiveFrom > month.FirstDay)
        {
            item.Outcome = PropertyFeeItemOutcome.NotConfigured;
            item.Reason = setting is null ? "No property fee is configured." : $"The fee applies from {setting.EffectiveFrom:yyyy-MM}.";
            return item;
        }

        if (account is null)
        {
            item.Outcome = PropertyFeeItemOutcome.NoOpenAccount;
            item.Reason = "The tenant has no open account.";
            return item;
        }

        PropertyFeeCharge plan;
        try
        {
            var tenantView = new PropertyFeeTenant(tenant.Id, account.Id, tenant.LeasedAreaM2, new PropertyFeeRule(setting.Basis, setting.Rate), balance, account.OverdraftLimit);
            plan = PropertyFee.Plan(tenantView, month, now, posted.Keys.ToHashSet(), JobName);
        }
        catch (BillingValidationException e)
        {
            return Refused(item, e.Message);
        }

        item.IdempotencyKey = plan.IdempotencyKey;
        item.Basis = plan.Basis;
        switch (plan.Outcome)
        {
            case PropertyFeeOutcome.AlreadyCharged:
                item.Outcome = PropertyFeeItemOutcome.AlreadyCharged;
                item.Fee = -posted[plan.IdempotencyKey];
                return item;
            case PropertyFeeOutcome.NoFee:
                item.Outcome = PropertyFeeItemOutcome.NoFee;
                return item;
        }

        var entry = plan.Entry!;
        try
        {
            var result = await ledger.PostAsync(new LedgerPosting(entry.AccountId, entry.Kind, entry.Amount, entry.IdempotencyKey, entry.RecordedBy,
                CauseType: entry.CauseType, CauseId: entry.CauseId, Note: entry.Note, OccurredAt: entry.OccurredAt), cancellationToken);
            item.Outcome = result.Appended ? PropertyFeeItemOutcome.Charged : PropertyFeeItemOutcome.AlreadyCharged;
            item.Fee = -result.Entry.Amount;
            item.BalanceAfter = result.BalanceAfter;
            item.Covered = result.BalanceAfter >= 0;
            return item;
        }
        catch (LedgerRuleException e)
        {
            logger.LogWarning("Property fee {Month} for tenant {TenantId} refused by the ledger: {Reason}", month, tenant.Id, e.Message);
            return Refused(item, e.Message);
        }
    }

    private static PropertyFeeRunItem Refused(PropertyFeeRunItem item, string reason)
    {
        item.Outcome = PropertyFeeItemOutcome.Refused;
        item.Reason = reason.Length > 500 ? reason[..500] : reason;
        return item;
    }
}
