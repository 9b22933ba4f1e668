using Microsoft.EntityFrameworkCore;
using Prepaid.App.Kernel.Hosting;
using Prepaid.App.Kernel.Ledger;
using Prepaid.App.Persistence;
using Prepaid.Domain.Model;

namespace Prepaid.App.Billing.MeterBilling;

/// <summary>
/// Databases written before meter purchases were ledger entries hold delivery parts whose money never left the
/// ledger, so the ledger counted it once more beside the meter. At start, every part that was sent or is on its way
/// gets its purchase entry, by the same key the planner uses, so running this twice (or beside the planner) posts
/// each purchase once. Parts cancelled or waiting for an operator took no money and get none.
/// </summary>
internal sealed class MeterPurchaseBackfill(IDbContextFactory<PrepaidDb> factory, LedgerService ledger, ILogger<MeterPurchaseBackfill> logger) : IStartupTask
{
    public StartupPhase Phase => StartupPhase.Seed;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        List<RechargeDelivery> missing;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            // One query through the ledger's unique key index (the key is MeterPurchases.KeyFor, spelled out for SQL):
            // at every start after the first it finds nothing.
            missing = await db.RechargeDeliveries.AsNoTracking()
                .Where(d => (d.State == RechargeDeliveryState.Pending || d.State == RechargeDeliveryState.Delivered)
                    && !db.LedgerEntries.Any(e => e.IdempotencyKey == "purchase:" + d.LedgerKey + ":" + d.MeterId.ToString()))
                .ToListAsync(cancellationToken);
        }

        foreach (var account in missing.GroupBy(p => p.AccountId))
        {
            await ledger.PostBatchAsync(account.Key, [.. account.Select(p => new LedgerPosting(p.AccountId, LedgerEntryKind.MeterPurchase, -p.Amount,
                MeterPurchases.KeyFor(p.LedgerKey, p.MeterId), RechargeDeliveryService.RequestedBy, null, MeterPurchases.CauseType,
                MeterPurchases.CauseIdFor(p.LedgerKey, p.MeterId), $"To meter {p.MeterId} with recharge {p.LedgerKey} (recorded when purchases became ledger entries)",
                p.CreatedAt))], cancellationToken);
        }

        if (missing.Count > 0)
        {
            logger.LogInformation("Recorded {Count} meter purchases of earlier deliveries in the ledger", missing.Count);
        }
    }
}
