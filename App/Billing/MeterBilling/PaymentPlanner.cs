using Microsoft.EntityFrameworkCore;
using Prepaid.App.Kernel.Contracts;
using Prepaid.App.Persistence;

namespace Prepaid.App.Billing.MeterBilling;

/// <summary>The desk's seam to the recharge planner: previews a payment and plans it right after it was taken.</summary>
internal sealed class PaymentPlanner(RechargeDeliveryService deliveries, IDbContextFactory<PrepaidDb> factory) : IPaymentPlanner
{
    public Task PlanAsync(long entryId, CancellationToken cancellationToken) => deliveries.PlanAsync(entryId, cancellationToken);

    public async Task<PaymentPreview?> PreviewAsync(int accountId, decimal amount, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (await deliveries.PreviewAsync(db, accountId, amount, cancellationToken) is not { } plan)
        {
            return null;
        }

        var keys = plan.Waterfall.Settlements.Where(s => s.ChargeKey != null).Select(s => s.ChargeKey!).ToList();
        var charges = await db.LedgerEntries.AsNoTracking().Where(e => keys.Contains(e.IdempotencyKey)).ToDictionaryAsync(e => e.IdempotencyKey, cancellationToken);
        return new PaymentPreview(
            [.. plan.Waterfall.Settlements.Select(s => new PreviewSettlement(s.ChargeKey is { } key ? charges.GetValueOrDefault(key) : null, s.Amount))],
            [.. plan.Parts.Select(p => new PreviewMeterPart(p.Meter.Id, p.Meter.Name, p.Meter.Kind, p.Amount))]);
    }
}
