using Microsoft.EntityFrameworkCore;
using Prepaid.App.Accounts.Desk;
using Prepaid.App.Kernel.Ledger;
using Prepaid.Domain.Billing;
using Prepaid.Domain.Model;

namespace Prepaid.App.Tests.Accounts.Desk;

/// <summary>The desk offers a reversal only where the ledger would take it: both ask <see cref="ReversalRule"/>.</summary>
public sealed class ReversalRuleTests
{
    private static async Task<LedgerEntry> EntryAsync(CashierTestBed bed, string key)
    {
        await using var db = bed.Bed.Database.CreateDbContext();
        return await db.LedgerEntries.AsNoTracking().SingleAsync(e => e.IdempotencyKey == key);
    }

    [Fact]
    public async Task ReversalRefusalsAsync_FreshRecharge_OffersIt()
    {
        await using var bed = await CashierTestBed.CreateAsync();
        var paid = await bed.RechargeAsync(bed.AccountIds[0], 100m);
        var entry = await EntryAsync(bed, paid.Receipt.LedgerEntryKey);

        var refusals = await bed.Refunds.ReversalRefusalsAsync([entry], CancellationToken.None);

        Assert.Empty(refusals);
    }

    [Fact]
    public async Task ReversalRefusalsAsync_AlreadyReversed_SaysSoAndTheLedgerAgrees()
    {
        await using var bed = await CashierTestBed.CreateAsync();
        var paid = await bed.RechargeAsync(bed.AccountIds[0], 100m);
        await bed.Bed.Ledger.ReverseAsync(paid.Receipt.LedgerEntryKey, "manager", "test", default);
        var entry = await EntryAsync(bed, paid.Receipt.LedgerEntryKey);

        var refusals = await bed.Refunds.ReversalRefusalsAsync([entry], CancellationToken.None);

        Assert.Equal("already-reversed", refusals[entry.Id]);
        var refused = await Assert.ThrowsAsync<CashierRefusedException>(() =>
            bed.Refunds.RequestReversalAsync(CashierTestBed.Cashier, entry.IdempotencyKey, "twice", null, default));
        Assert.Equal("already-reversed", refused.Code);
    }

    [Fact]
    public async Task ReversalRefusalsAsync_RechargeSentToMeter_SaysSoAndTheLedgerRefusesIt()
    {
        await using var world = await Prepaid.App.Tests.Billing.MeterBilling.BillingWorld.CreateAsync();
        LedgerEntry entry;
        await using (var db = world.Database.CreateDbContext())
        {
            var (_, accountId) = await world.AddAccountAsync(db, "S71");
            var meter = await world.AddMeterAsync(db, accountId, MeterProfile.PrepaidSinglePhase, BillingMode.Meter);
            entry = await world.RechargeAsync(accountId, 100m, "order:S71");
            db.RechargeDeliveries.Add(new RechargeDelivery
            {
                LedgerEntryId = entry.Id, LedgerKey = entry.IdempotencyKey, AccountId = accountId, MeterId = meter.Id, Amount = 100m,
                SplitBasis = "SingleMeter", State = RechargeDeliveryState.Delivered, CreatedAt = entry.OccurredAt,
            });
            await db.SaveChangesAsync();
        }

        var refunds = new RefundService(world.Database, world.Ledger, new ReceiptBook(), new Prepaid.App.Kernel.Security.AuditLog(world.Database, world.Clock), world.Clock);
        var refusals = await refunds.ReversalRefusalsAsync([entry], CancellationToken.None);

        Assert.Equal("reversal-delivered", refusals[entry.Id]);
        var ledger = await Assert.ThrowsAsync<LedgerRuleException>(() => world.Ledger.ReverseAsync(entry.IdempotencyKey, "manager", "test", default));
        Assert.Equal(LedgerRule.ReversalOfDeliveredRecharge, ledger.Rule);
    }

    [Fact]
    public async Task ReversalRefusalsAsync_ReversalWaitingForApproval_SaysSo()
    {
        await using var bed = await CashierTestBed.CreateAsync();
        var paid = await bed.RechargeAsync(bed.AccountIds[0], 100m);
        await bed.Refunds.RequestReversalAsync(CashierTestBed.Cashier, paid.Receipt.LedgerEntryKey, "wrong account", null, default);
        var entry = await EntryAsync(bed, paid.Receipt.LedgerEntryKey);

        var refusals = await bed.Refunds.ReversalRefusalsAsync([entry], CancellationToken.None);

        Assert.Equal("reversal-pending", refusals[entry.Id]);
    }
}
