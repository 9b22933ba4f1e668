using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Prepaid.App.Kernel.Contracts;
using Prepaid.App.Kernel.Live;
using Prepaid.App.Persistence.Entities;
using Prepaid.App.Persistence;
using Prepaid.Domain.Billing;
using Prepaid.Domain.Model;

namespace Prepaid.App.Billing.MeterBilling;

/// <summary>
/// Balances carried by a meter replacement (<see cref="PendingBalanceTransfer"/>), delivered with the same exactly-once
/// machinery as recharges: one DeliverPurchase command per transfer, created in the transaction that links it, re-run
/// (never replaced) after a fault or a restart, and confirmed by the purchase count.
/// A positive amount is loaded into the new meter before any recharge part: while it is unconfirmed, the later
/// purchases wait, because the count the transfer's command expects must not be taken by another purchase. A negative
/// amount (overdraft used on the old device) is deducted from the next purchase by <see cref="OverdraftPayOff"/>; this
/// class marks it delivered or failed with that purchase. A transfer the meter refuses, or whose count read-back shows
/// another purchase, becomes Failed with an operator alarm.
/// </summary>
internal sealed class BalanceTransferDelivery(
    IDbContextFactory<PrepaidDb> factory,
    PurchaseCommandRetry retry,
    IOperatorAlarmSink alarms,
    TimeProvider time,
    ILogger logger,
    LiveStateCache? live = null)
{
    /// <summary>Delivers the meter's positive pending transfers, oldest first; false while one is still unconfirmed.</summary>
    public async Task<bool> DeliverAsync(int meterId, Action<long>? afterCommand, CancellationToken cancellationToken)
    {
        await SettleCarriedAsync(meterId, cancellationToken);
        while (true)
        {
            PendingBalanceTransfer? transfer;
            await using (var db = await factory.CreateDbContextAsync(cancellationToken))
            {
                transfer = await db.PendingBalanceTransfers.AsNoTracking()
                    .Where(t => t.MeterId == meterId && t.State == BalanceTransferState.Pending && t.Amount > 0)
                    .OrderBy(t => t.Id).FirstOrDefaultAsync(cancellationToken);
            }

            if (transfer is null)
            {
                return true;
            }

            if (!Fen.IsWhole(transfer.Amount))
            {
                await FailTransferAsync(transfer.Id, meterId, $"The carried balance {transfer.Amount.ToString(CultureInfo.InvariantCulture)} yuan is not in whole fen; meters take 0.01 yuan steps.", cancellationToken);
                continue;
            }

            var commandId = transfer.MeterCommandId ?? await CreateCommandAsync(transfer, cancellationToken);
            if (await retry.RunUnlessSettledAsync(commandId, cancellationToken) is not { } command)
            {
                return false;
            }

            afterCommand?.Invoke(commandId);
            if (await CompleteAsync(command, cancellationToken) == BalanceTransferState.Pending)
            {
                return false;
            }
        }
    }

    /// <summary>
    /// Overdraft transfers whose pay-off purchase already ended while they are still pending: the process stopped after
    /// the part was marked and before them (<see cref="CompleteWithPartAsync"/>). Nothing else selects them again (only
    /// positive transfers are delivered, only unlinked overdrafts are linked), so they are settled here from their command's
    /// outcome, as the uninterrupted path would have: delivered when confirmed, failed (without a second alarm: the part's
    /// alarm named them) when it needs an operator. Marking only still-pending rows makes a repeat a no-op.
    /// </summary>
    public async Task<int> SettleCarriedAsync(int meterId, CancellationToken cancellationToken)
    {
        List<MeterCommand> ended;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            ended = await db.MeterCommands.AsNoTracking()
                .Where(c => db.PendingBalanceTransfers.Any(t => t.MeterId == meterId && t.State == BalanceTransferState.Pending && t.Amount < 0 && t.MeterCommandId == c.Id)
                    && db.RechargeDeliveries.Any(d => d.MeterCommandId == c.Id)
                    && !db.RechargeDeliveries.Any(d => d.MeterCommandId == c.Id && d.State == RechargeDeliveryState.Pending))
                .OrderBy(c => c.Id).ToListAsync(cancellationToken);
        }

        var settled = 0;
        foreach (var command in ended.Where(c => StateAfter(c) != BalanceTransferState.Pending))
        {
            settled += await MarkEndedAsync(command, StateAfter(command), cancellationToken);
            logger.LogInformation("Carried overdraft of meter {MeterId} settled from its ended purchase {CommandId} ({State}) after a stop", meterId, command.Id, command.State);
        }

        return settled;
    }

    /// <summary>The transfer's one command, created and linked in one transaction.</summary>
    private async Task<long> CreateCommandAsync(PendingBalanceTransfer transfer, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var linked = await db.PendingBalanceTransfers.Where(t => t.Id == transfer.Id).Select(t => t.MeterCommandId).SingleAsync(cancellationToken);
        if (linked is { } already)
        {
            return already;
        }

        var command = PurchaseCommands.New(transfer.MeterId, transfer.Amount, RechargeDeliveryService.TransferRequestedBy,
            string.Create(CultureInfo.InvariantCulture, $"Balance {transfer.Amount} yuan carried by {transfer.IdempotencyKey}"), time.GetUtcNow());
        db.MeterCommands.Add(command);
        await db.SaveChangesAsync(cancellationToken);
        await db.PendingBalanceTransfers.Where(t => t.Id == transfer.Id && t.MeterCommandId == null)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.MeterCommandId, command.Id), cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return command.Id;
    }

    /// <summary>Marks the transfers delivered by <paramref name="command"/> once it ended, with an operator alarm for each
    /// that failed; returns their state. The alarm goes first: a stop in between repeats it rather than losing it.</summary>
    public async Task<BalanceTransferState> CompleteAsync(MeterCommand command, CancellationToken cancellationToken)
    {
        var state = StateAfter(command);
        if (state == BalanceTransferState.Failed)
        {
            foreach (var transfer in await PendingOfAsync(command.Id, cancellationToken))
            {
                await RaiseTransferAlarmAsync(transfer, command.Error, cancellationToken);
            }
        }

        await MarkEndedAsync(command, state, cancellationToken);
        return state;
    }

    /// <summary>
    /// Marks the overdraft transfers paid off by a recharge part's <paramref name="command"/> once it ended, without an
    /// alarm: a failed purchase is one alarm, the part's, which names them (<see cref="PendingOfAsync"/>).
    /// </summary>
    public Task<int> CompleteWithPartAsync(MeterCommand command, CancellationToken cancellationToken) =>
        MarkEndedAsync(command, StateAfter(command), cancellationToken);

    /// <summary>The transfers still pending on <paramref name="commandId"/> (an overdraft pay-off it carries, or its own transfer).</summary>
    public async Task<List<PendingBalanceTransfer>> PendingOfAsync(long commandId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.PendingBalanceTransfers.AsNoTracking().Where(t => t.MeterCommandId == commandId && t.State == BalanceTransferState.Pending)
            .OrderBy(t => t.Id).ToListAsync(cancellationToken);
    }

    private static BalanceTransferState StateAfter(MeterCommand command) => command.State switch
    {
        MeterCommandState.Confirmed => BalanceTransferState.Delivered,
        MeterCommandState.Refused => BalanceTransferState.Failed,
        MeterCommandState.Failed when PurchaseCommands.IsCountMismatch(command) => BalanceTransferState.Failed,
        _ => BalanceTransferState.Pending,
    };

    private async Task<int> MarkEndedAsync(MeterCommand command, BalanceTransferState state, CancellationToken cancellationToken)
    {
        if (state == BalanceTransferState.Pending)
        {
            return 0;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var error = state == BalanceTransferState.Failed ? PurchaseCommands.Truncate(command.Error ?? command.State.ToString()) : null;
        // Delivered with the purchase's read-back in one transaction, as recharge parts are.
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var marked = await db.PendingBalanceTransfers.Where(t => t.MeterCommandId == command.Id && t.State == BalanceTransferState.Pending)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.State, state).SetProperty(t => t.CompletedAt, now).SetProperty(t => t.Error, error), cancellationToken);
        var readBack = state == BalanceTransferState.Delivered && marked > 0 ? await PurchaseReadBacks.WriteAsync(db, command, now, cancellationToken) : null;
        await tx.CommitAsync(cancellationToken);
        if (readBack is not null)
        {
            live?.Apply([readBack]);
        }

        return marked;
    }

    private async Task FailTransferAsync(long transferId, int meterId, string error, CancellationToken cancellationToken)
    {
        // The alarm goes before the mark, as in CompleteAsync: a stop in between repeats it rather than losing it.
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var transfer = await db.PendingBalanceTransfers.SingleAsync(t => t.Id == transferId, cancellationToken);
        await RaiseTransferAlarmAsync(transfer, error, cancellationToken);
        transfer.State = BalanceTransferState.Failed;
        transfer.CompletedAt = time.GetUtcNow();
        transfer.Error = PurchaseCommands.Truncate(error);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogWarning("Balance transfer {Key} to meter {MeterId} failed: {Error}", transfer.IdempotencyKey, meterId, error);
    }

    private Task RaiseTransferAlarmAsync(PendingBalanceTransfer transfer, string? error, CancellationToken cancellationToken) =>
        alarms.RaiseAsync(new OperatorAlarmRaised(RechargeDeliveryService.TransferFailedAlarmCode, transfer.MeterId, time.GetUtcNow(), string.Create(CultureInfo.InvariantCulture,
            $"Balance {transfer.Amount} yuan carried by {transfer.IdempotencyKey} to meter {transfer.MeterId} needs an operator: {error}")), cancellationToken);
}
