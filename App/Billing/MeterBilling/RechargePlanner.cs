using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Prepaid.App.Kernel.Ledger;
using Prepaid.App.Persistence;
using Prepaid.Domain.Billing;
using Prepaid.Domain.Model;

namespace Prepaid.App.Billing.MeterBilling;

/// <summary>
/// Plans the delivery of a Recharge entry: split between the account's electricity and water meter by
/// <see cref="RechargeSplitRule"/> into one <see cref="RechargeDelivery"/> per meter, unique per (entry, meter), so a
/// second planner (a notification and a scan at once, or after a restart) finds the rows instead of adding its own.
/// A recharge that is not in whole fen becomes one part that needs an operator.
/// </summary>
internal sealed class RechargePlanner(IDbContextFactory<PrepaidDb> factory, IOptions<MeterBillingOptions> options, TimeProvider time, ILogger logger)
{
    /// <summary>Recharge entries of accounts with meter-billing meters that have no parts yet (and were not reversed).</summary>
    public async Task<List<long>> UnplannedEntriesAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        // The accounts first, so the ledger is read through its account index: a filter on the kind alone scans every
        // entry, and platform billing writes one per meter and quarter hour.
        var accounts = await db.Meters.AsNoTracking()
            .Where(m => m.AccountId != null && m.BillingMode == BillingMode.Meter
                && (m.Profile == MeterProfile.PrepaidSinglePhase || m.Profile == MeterProfile.PrepaidThreePhase || m.Profile == MeterProfile.PrepaidWater))
            .Select(m => m.AccountId!.Value).Distinct().ToListAsync(cancellationToken);
        return await db.LedgerEntries.AsNoTracking()
            .Where(e => accounts.Contains(e.AccountId) && e.Kind == LedgerEntryKind.Recharge
                && !db.RechargeDeliveries.Any(d => d.LedgerEntryId == e.Id)
                && !db.LedgerEntries.Any(r => r.Kind == LedgerEntryKind.Reversal && r.CauseType == LedgerService.ReversalCauseType && r.CauseId == e.IdempotencyKey))
            .OrderBy(e => e.Id).Select(e => e.Id).ToListAsync(cancellationToken);
    }

    /// <summary>The parts of an entry, planned once (existing parts are returned as they are).</summary>
    public async Task<IReadOnlyList<RechargeDelivery>> PlanAsync(long entryId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var existing = await db.RechargeDeliveries.AsNoTracking().Where(d => d.LedgerEntryId == entryId).ToListAsync(cancellationToken);
        if (existing.Count > 0)
        {
            return existing;
        }

        var entry = await db.LedgerEntries.AsNoTracking().SingleOrDefaultAsync(e => e.Id == entryId, cancellationToken);
        if (entry is not { Kind: LedgerEntryKind.Recharge })
        {
            return [];
        }

        var meters = (await db.Meters.AsNoTracking().Where(m => m.AccountId == entry.AccountId).OrderBy(m => m.Id).ToListAsync(cancellationToken))
            .Where(RechargeDeliveryService.HoldsBalance).ToList();
        var electricity = meters.FirstOrDefault(m => m.Kind == MeterKind.Electricity);
        var water = meters.FirstOrDefault(m => m.Kind == MeterKind.Water);
        if (electricity is null && water is null)
        {
            return [];
        }

        var now = time.GetUtcNow();
        var parts = new List<RechargeDelivery>();
        RechargeDelivery Part(Meter meter, decimal amount, string basis, RechargeDeliveryState state = RechargeDeliveryState.Pending, string? detail = null) => new()
        {
            LedgerEntryId = entry.Id, LedgerKey = entry.IdempotencyKey, AccountId = entry.AccountId, MeterId = meter.Id, Amount = amount,
            SplitBasis = basis, State = state, CreatedAt = now, Detail = detail,
        };

        if (!Fen.IsWhole(entry.Amount))
        {
            // A meter takes whole fen only; an operator decides what to do with a recharge that is not.
            parts.Add(Part(electricity ?? water!, entry.Amount, "NotWholeFen", RechargeDeliveryState.NeedsOperator,
                $"The recharge {entry.Amount} yuan is not in whole fen; meters take 0.01 yuan steps."));
        }
        else
        {
            var split = RechargeSplitRule.Split(new RechargeSplitInput
            {
                Amount = entry.Amount,
                HasElectricityMeter = electricity is not null,
                HasWaterMeter = water is not null,
                ElectricityLast30DaysYuan = electricity is null || water is null ? 0m : await ConsumptionValue.LastDaysAsync(db, electricity.Id, electricity.TariffId, now, 30, cancellationToken),
                WaterLast30DaysYuan = electricity is null || water is null ? 0m : await ConsumptionValue.LastDaysAsync(db, water.Id, water.TariffId, now, 30, cancellationToken),
                MinimumShare = options.Value.MinimumSplitShare,
            });
            if (electricity is not null && split.Electricity > 0m)
            {
                parts.Add(Part(electricity, split.Electricity, split.Basis.ToString()));
            }

            if (water is not null && split.Water > 0m)
            {
                parts.Add(Part(water, split.Water, split.Basis.ToString()));
            }
        }

        db.RechargeDeliveries.AddRange(parts);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another planner was first: its parts are the plan.
            await using var again = await factory.CreateDbContextAsync(cancellationToken);
            return await again.RechargeDeliveries.AsNoTracking().Where(d => d.LedgerEntryId == entryId).ToListAsync(cancellationToken);
        }

        logger.LogInformation("Recharge {Key} of account {AccountId} planned: {Parts}", entry.IdempotencyKey, entry.AccountId,
            string.Join(", ", parts.Select(p => string.Create(CultureInfo.InvariantCulture, $"meter {p.MeterId} {p.Amount} yuan ({p.SplitBasis})"))));
        return parts;
    }
}
