using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Prepaid.App.Kernel.Ledger;
using Prepaid.App.Persistence;
using Prepaid.App.Persistence.Entities;
using Prepaid.Domain.Billing;
using Prepaid.Domain.Model;

namespace Prepaid.App.Billing.MeterBilling;

/// <summary>
/// Plans the delivery of a Recharge entry: split between the account's electricity and water meter by
/// <see cref="RechargeSplitRule"/> into one <see cref="RechargeDelivery"/> per meter, unique per (entry, meter), so a
/// second planner (a notification and a scan at once, or after a restart) finds the rows instead of adding its own.
/// A recharge that is not in whole fen becomes one part that needs an operator.
/// </summary>
internal sealed class RechargePlanner(IDbContextFactory<PrepaidDb> factory, LedgerService ledger, IOptions<MeterBillingOptions> options, TimeProvider time, ILogger logger)
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
                && !db.RechargeDeliveries.Any(d => d.LedgerEntryId == e.Id) && !db.PaymentSettlements.Any(x => x.PaymentEntryId == e.Id)
                && !db.LedgerEntries.Any(r => r.Kind == LedgerEntryKind.Reversal && r.CauseType == LedgerService.ReversalCauseType && r.CauseId == e.IdempotencyKey))
            .OrderBy(e => e.Id).Select(e => e.Id).ToListAsync(cancellationToken);
    }

    /// <summary>The parts of an entry, planned once (existing parts are returned as they are).</summary>
    public async Task<IReadOnlyList<RechargeDelivery>> PlanAsync(long entryId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var existing = await db.RechargeDeliveries.AsNoTracking().Where(d => d.LedgerEntryId == entryId).ToListAsync(cancellationToken);
        if (existing.Count > 0 || await db.PaymentSettlements.AnyAsync(x => x.PaymentEntryId == entryId, cancellationToken))
        {
            return existing;
        }

        var entry = await db.LedgerEntries.AsNoTracking().SingleOrDefaultAsync(e => e.Id == entryId, cancellationToken);
        if (entry is not { Kind: LedgerEntryKind.Recharge })
        {
            return [];
        }

        // The water amount the cashier chose for this payment, stored with its receipt in the payment's transaction.
        var chosenWater = await db.Receipts.AsNoTracking().Where(r => r.LedgerEntryKey == entry.IdempotencyKey)
            .Select(r => r.ChosenWaterAmount).FirstOrDefaultAsync(cancellationToken);
        if (await ComputeAsync(db, entry.AccountId, entry.Amount, entry.Id, cancellationToken, chosenWater) is not { } plan)
        {
            return [];
        }

        var (waterfall, planned) = plan;
        var now = time.GetUtcNow();
        var settlements = waterfall.Settlements.Select(x => new PaymentSettlement
        {
            IdempotencyKey = PaymentSettlement.KeyFor(entry.IdempotencyKey, x.ChargeKey), AccountId = entry.AccountId, PaymentEntryId = entry.Id,
            ChargeKey = x.ChargeKey, ChargeKind = x.Kind, Amount = x.Amount, CreatedAt = now,
        }).ToList();
        var parts = planned.Select(p => new RechargeDelivery
        {
            LedgerEntryId = entry.Id, LedgerKey = entry.IdempotencyKey, AccountId = entry.AccountId, MeterId = p.Meter.Id, Amount = p.Amount,
            SplitBasis = p.Basis, State = p.State, CreatedAt = now, Detail = p.Detail,
        }).ToList();

        // Each part's money leaves the ledger with the plan: the meter will hold it. Parts, settlements and purchases
        // are written in one transaction under the account's gate, or not at all.
        var purchases = parts.Where(p => p.State == RechargeDeliveryState.Pending)
            .Select(p => new LedgerPosting(entry.AccountId, LedgerEntryKind.MeterPurchase, -p.Amount, MeterPurchases.KeyFor(entry.IdempotencyKey, p.MeterId),
                RechargeDeliveryService.RequestedBy, null, MeterPurchases.CauseType, MeterPurchases.CauseIdFor(entry.IdempotencyKey, p.MeterId),
                // The purchase takes effect with the payment it spends, so the ledger reads the same whenever it was planned.
                $"To meter {p.MeterId} with recharge {entry.IdempotencyKey}", entry.OccurredAt)).ToList();
        var written = false;
        try
        {
            await ledger.PostBatchAsync(entry.AccountId, purchases, cancellationToken, async (context, ct) =>
            {
                if (await context.RechargeDeliveries.AnyAsync(d => d.LedgerEntryId == entryId, ct)
                    || await context.PaymentSettlements.AnyAsync(x => x.PaymentEntryId == entryId, ct))
                {
                    return;
                }

                context.RechargeDeliveries.AddRange(parts);
                context.PaymentSettlements.AddRange(settlements);
                written = true;
            });
        }
        catch (Exception e) when (e is DbUpdateException or LedgerRuleException)
        {
            // Another planner was first (its purchases or rows hold the keys): its plan is the plan.
            written = false;
        }

        if (!written)
        {
            await using var again = await factory.CreateDbContextAsync(cancellationToken);
            return await again.RechargeDeliveries.AsNoTracking().Where(d => d.LedgerEntryId == entryId).ToListAsync(cancellationToken);
        }

        logger.LogInformation("Recharge {Key} of account {AccountId} planned: {Owed} yuan to debts, {Parts}", entry.IdempotencyKey, entry.AccountId,
            waterfall.ToOwed, string.Join(", ", parts.Select(p => string.Create(CultureInfo.InvariantCulture, $"meter {p.MeterId} {p.Amount} yuan ({p.SplitBasis})"))));
        return parts;
    }

    /// <summary>One meter's part of a plan, before it is written.</summary>
    internal sealed record PlannedPart(Meter Meter, decimal Amount, string Basis, RechargeDeliveryState State, string? Detail);

    /// <summary>Where a payment goes: the debts it settles and each meter's part.</summary>
    internal sealed record Plan(WaterfallResult Waterfall, List<PlannedPart> Parts);

    /// <summary>
    /// The plan for <paramref name="amount"/> paid to the account: the waterfall over what the account owed before the
    /// payment (the entries before <paramref name="beforeEntryId"/>, or all of them for a preview), then the split of
    /// the rest (the water amount the cashier chose, when it is still within the rule's limits). Null when the account
    /// has no meter that holds a balance.
    /// </summary>
    internal async Task<Plan?> ComputeAsync(PrepaidDb db, int accountId, decimal amount, long? beforeEntryId, CancellationToken cancellationToken,
        decimal? chosenWater = null)
    {
        var accountMeters = await db.Meters.AsNoTracking().Where(m => m.AccountId == accountId).OrderBy(m => m.Id).ToListAsync(cancellationToken);
        var meters = accountMeters.Where(RechargeDeliveryService.HoldsBalance).ToList();
        var water = meters.FirstOrDefault(m => m.Kind == MeterKind.Water);
        // An electricity meter billed by the platform keeps its share in the ledger, where its charges are posted.
        var electricity = meters.FirstOrDefault(m => m.Kind == MeterKind.Electricity)
            ?? accountMeters.FirstOrDefault(m => m.Kind == MeterKind.Electricity && m.BillingMode == BillingMode.Platform);
        if (meters.Count == 0)
        {
            return null;
        }

        // The waterfall: what the account owed before this payment is settled first, oldest charge first. Entries
        // before this one decide it, so a second planner (or one after a restart) computes the same settlements.
        var before = await db.LedgerEntries.AsNoTracking().Where(e => e.AccountId == accountId && (beforeEntryId == null || e.Id < beforeEntryId))
            .ToListAsync(cancellationToken);
        var waterfall = PaymentWaterfall.Apply(PaymentWaterfall.Outstanding(before), amount);
        var parts = new List<PlannedPart>();
        PlannedPart Part(Meter meter, decimal part, string basis, RechargeDeliveryState state = RechargeDeliveryState.Pending, string? detail = null) =>
            new(meter, part, basis, state, detail);

        var toMeters = waterfall.Remainder;
        if (toMeters == 0)
        {
            // Everything settled debts: the settlements are the plan.
        }
        else if (!Fen.IsWhole(toMeters))
        {
            // A meter takes whole fen only; an operator decides what to do with a remainder that is not.
            parts.Add(Part(meters[0], toMeters, "NotWholeFen", RechargeDeliveryState.NeedsOperator,
                $"The {toMeters} yuan left for the meters is not in whole fen; meters take 0.01 yuan steps."));
        }
        else
        {
            var input = await SplitInputAsync(db, accountId, electricity, water, toMeters, cancellationToken);
            var both = electricity is not null && water is not null;
            var split = SplitAsChosen(input, chosenWater, both, accountId);
            if (electricity is not null && split.Electricity > 0m && RechargeDeliveryService.HoldsBalance(electricity))
            {
                parts.Add(Part(electricity, split.Electricity, split.Basis.ToString()));
            }

            if (water is not null && split.Water > 0m)
            {
                parts.Add(Part(water, split.Water, split.Basis.ToString()));
            }
        }

        return new Plan(waterfall, parts);
    }

    /// <summary>
    /// The split rule's input for <paramref name="toMeters"/> yuan left of a payment: the meters' remaining amounts as
    /// last read back, their last 30 days' consumption value, the account's alarm amount 1. The plan and the desk's
    /// choice of a water amount read it the same way, so the limits the cashier sees are the ones the plan applies.
    /// </summary>
    internal async Task<RechargeSplitInput> SplitInputAsync(PrepaidDb db, int accountId, Meter? electricity, Meter? water, decimal toMeters,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var alarm = await db.Accounts.AsNoTracking().Where(a => a.Id == accountId).Select(a => a.AlarmAmount1).SingleAsync(cancellationToken);
        var ids = new[] { electricity?.Id, water?.Id }.OfType<int>().ToList();
        var live = await db.MeterLiveStates.AsNoTracking().Where(l => ids.Contains(l.MeterId)).ToDictionaryAsync(l => l.MeterId, l => l.RemainingYuan, cancellationToken);
        var both = electricity is not null && water is not null;
        return new RechargeSplitInput
        {
            Amount = toMeters,
            HasElectricityMeter = electricity is not null,
            HasWaterMeter = water is not null,
            ElectricityLast30DaysYuan = both ? await ConsumptionValue.LastDaysAsync(db, electricity!.Id, electricity.TariffId, now, 30, cancellationToken) : 0m,
            WaterLast30DaysYuan = both ? await ConsumptionValue.LastDaysAsync(db, water!.Id, water.TariffId, now, 30, cancellationToken) : 0m,
            MinimumShare = options.Value.MinimumSplitShare,
            ElectricityRemaining = electricity is not null && RechargeDeliveryService.HoldsBalance(electricity) ? live.GetValueOrDefault(electricity.Id) : null,
            WaterRemaining = water is not null ? live.GetValueOrDefault(water.Id) : null,
            AlarmAmount1 = alarm,
        };
    }

    /// <summary>
    /// The cashier's choice when there is one and it still holds: the desk checked it against the read-backs of the
    /// moment, and a meter read since may have moved the limits; then the rule splits, and the log says why.
    /// </summary>
    private RechargeSplit SplitAsChosen(RechargeSplitInput input, decimal? chosenWater, bool both, int accountId)
    {
        if (chosenWater is { } water && both)
        {
            try
            {
                return RechargeSplitRule.Split(input with { TenantWaterAmount = water });
            }
            catch (BillingValidationException e)
            {
                logger.LogWarning("Account {AccountId}: the chosen water amount {Water} no longer fits the split rule's limits ({Reason}); the rule splits instead",
                    accountId, water, e.Message);
            }
        }

        return RechargeSplitRule.Split(input);
    }
}
