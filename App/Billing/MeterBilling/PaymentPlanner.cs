using Microsoft.EntityFrameworkCore;
using Prepaid.App.Kernel.Contracts;
using Prepaid.App.Persistence;
using Prepaid.Domain.Billing;
using Prepaid.Domain.Model;

namespace Prepaid.App.Billing.MeterBilling;

/// <summary>The desk's seam to the recharge planner: previews a payment and plans it right after it was taken.</summary>
internal sealed class PaymentPlanner(RechargeDeliveryService deliveries, IDbContextFactory<PrepaidDb> factory) : IPaymentPlanner
{
    public Task PlanAsync(long entryId, CancellationToken cancellationToken) => deliveries.PlanAsync(entryId, cancellationToken);

    public Task<PaymentPreview?> PreviewAsync(int accountId, decimal amount, CancellationToken cancellationToken) =>
        PreviewAsync(accountId, amount, null, cancellationToken);

    public async Task<PaymentPreview?> PreviewAsync(int accountId, decimal amount, decimal? waterAmount, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (await deliveries.PreviewAsync(db, accountId, amount, cancellationToken) is not { } plan)
        {
            return null;
        }

        var keys = plan.Waterfall.Settlements.Where(s => s.ChargeKey != null).Select(s => s.ChargeKey!).ToList();
        var charges = await db.LedgerEntries.AsNoTracking().Where(e => keys.Contains(e.IdempotencyKey)).ToDictionaryAsync(e => e.IdempotencyKey, cancellationToken);
        var settlements = plan.Waterfall.Settlements.Select(s => new PreviewSettlement(s.ChargeKey is { } key ? charges.GetValueOrDefault(key) : null, s.Amount)).ToList();
        var parts = plan.Parts.Select(p => new PreviewMeterPart(p.Meter.Id, p.Meter.Name, p.Meter.Kind, p.Amount)).ToList();
        var toMeters = plan.Waterfall.Remainder;
        if (toMeters <= 0 || !Fen.IsWhole(toMeters) || await ChoiceInputAsync(db, accountId, toMeters, cancellationToken) is not { } choice)
        {
            return new PaymentPreview(settlements, parts);
        }

        // The choice's limits and, when the named water amount is within them, the parts it gives: the split rule's
        // "tenant named a water amount" branch, so the preview and the limits are the rule's own.
        var (min, max) = RechargeSplitRule.ChoiceLimits(choice.Input);
        if (waterAmount is { } water && Fen.IsWhole(water) && water >= min && water <= max)
        {
            var split = RechargeSplitRule.Split(choice.Input with { TenantWaterAmount = water });
            parts = [new(choice.Electricity.Id, choice.Electricity.Name, choice.Electricity.Kind, split.Electricity),
                new(choice.Water.Id, choice.Water.Name, choice.Water.Kind, split.Water)];
            return new PaymentPreview(settlements, [.. parts.Where(p => p.Amount > 0)], new WaterChoice(min, max, water));
        }

        return new PaymentPreview(settlements, parts, new WaterChoice(min, max, null));
    }

    private sealed record Choice(Meter Electricity, Meter Water, RechargeSplitInput Input);

    /// <summary>
    /// The split rule's input for a choice, read as the recharge planner reads it; null unless the account has an
    /// electricity and a water meter that both hold their balance, the only case where there is a split to choose.
    /// </summary>
    private async Task<Choice?> ChoiceInputAsync(PrepaidDb db, int accountId, decimal toMeters, CancellationToken cancellationToken)
    {
        var meters = await db.Meters.AsNoTracking().Where(m => m.AccountId == accountId).OrderBy(m => m.Id).ToListAsync(cancellationToken);
        var held = meters.Where(RechargeDeliveryService.HoldsBalance).ToList();
        if (held.FirstOrDefault(m => m.Kind == MeterKind.Electricity) is not { } electricity || held.FirstOrDefault(m => m.Kind == MeterKind.Water) is not { } water)
        {
            return null;
        }

        return new Choice(electricity, water, await deliveries.SplitInputAsync(db, accountId, electricity, water, toMeters, cancellationToken));
    }
}
