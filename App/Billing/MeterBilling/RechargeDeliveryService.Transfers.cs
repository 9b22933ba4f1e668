using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Prepaid.App.Billing.Control;
using Prepaid.App.Billing.Ledger;
using Prepaid.App.Billing.Replacement;
using Prepaid.App.Commands;
using Prepaid.Domain.Billing;
using Prepaid.Domain.Model;

namespace Prepaid.App.Billing.MeterBilling;

/// <summary>
/// Balances carried by a meter replacement (<see cref="PendingBalanceTransfer"/>), delivered with the same exactly-once
/// machinery as recharges: one DeliverPurchase command per transfer, created in the transaction that links it, re-run
/// (never replaced) after a fault or a restart, and confirmed by the purchase count.
/// <list type="bullet">
/// <item>A positive amount is loaded into the new meter before any recharge part: while it is unconfirmed, the later
/// purchases wait, because the count the transfer's command expects must not be taken by another purchase.</item>
/// <item>A negative amount (overdraft used on the old device) is deducted from the next purchase: the oldest pending
/// parts of the meter are gathered until they exceed it and go as one purchase of their sum less the overdraft, linked
/// to the transfer in one transaction. Until enough is recharged they wait, so the overdraft is paid off first, as a
/// meter itself does (DOMAIN.md, GB/T 18460.3).</item>
/// </list>
/// A transfer the meter refuses, or whose count read-back shows another purchase, becomes Failed with an operator alarm.
/// </summary>
public sealed partial class RechargeDeliveryService
{
    /// <summary>Who requests the purchase that loads a carried balance.</summary>
    public const string TransferRequestedBy = "meter-replacement";

    /// <summary>The operator alarm for a transfer that could not be delivered.</summary>
    public const string TransferFailedAlarmCode = "billing.balance-transfer-failed";

    private enum OverdraftLink
    {
        None,
        Linked,
        Waiting,
    }

    /// <summary>Delivers the meter's positive pending transfers, oldest first; false while one is still unconfirmed.</summary>
    private async Task<bool> DeliverTransfersAsync(int meterId, CancellationToken cancellationToken)
    {
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

            var commandId = transfer.MeterCommandId ?? await CreateTransferCommandAsync(transfer, cancellationToken);
            MeterCommand command;
            await using (var db = await factory.CreateDbContextAsync(cancellationToken))
            {
                command = await db.MeterCommands.AsNoTracking().SingleAsync(c => c.Id == commandId, cancellationToken);
            }

            if (command.State != MeterCommandState.Confirmed && command.State != MeterCommandState.Refused && !IsCountMismatch(command))
            {
                var retryAt = (command.CompletedAt ?? DateTimeOffset.MinValue) + options.Value.DeliveryRetryAfter;
                if (command.State == MeterCommandState.Failed && retryAt > time.GetUtcNow())
                {
                    return false;
                }

                if (submitter.Submit is not { } submit)
                {
                    return false;
                }

                command = await runner.RunAsync(submit, commandId, cancellationToken);
            }

            AfterCommand?.Invoke(commandId);
            if (await CompleteTransfersAsync(command, cancellationToken) == BalanceTransferState.Pending)
            {
                return false;
            }
        }
    }

    /// <summary>The transfer's one command, created and linked in one transaction.</summary>
    private async Task<long> CreateTransferCommandAsync(PendingBalanceTransfer transfer, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var linked = await db.PendingBalanceTransfers.Where(t => t.Id == transfer.Id).Select(t => t.MeterCommandId).SingleAsync(cancellationToken);
        if (linked is { } already)
        {
            return already;
        }

        var command = NewPurchase(transfer.MeterId, transfer.Amount, TransferRequestedBy,
            string.Create(CultureInfo.InvariantCulture, $"Balance {transfer.Amount} yuan carried by {transfer.IdempotencyKey}"));
        db.MeterCommands.Add(command);
        await db.SaveChangesAsync(cancellationToken);
        await db.PendingBalanceTransfers.Where(t => t.Id == transfer.Id && t.MeterCommandId == null)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.MeterCommandId, command.Id), cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return command.Id;
    }

    /// <summary>
    /// With a carried overdraft on the meter, links the oldest pending parts (from <paramref name="next"/> on) to one purchase
    /// of their sum less the overdraft, and the transfer to the same command, in one transaction.
    /// </summary>
    private async Task<OverdraftLink> LinkOverdraftAsync(RechargeDelivery next, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var overdraft = await db.PendingBalanceTransfers
            .Where(t => t.MeterId == next.MeterId && t.State == BalanceTransferState.Pending && t.Amount < 0 && t.MeterCommandId == null)
            .OrderBy(t => t.Id).ToListAsync(cancellationToken);
        if (overdraft.Count == 0)
        {
            return OverdraftLink.None;
        }

        var owed = -overdraft.Sum(t => t.Amount);
        var pending = await db.RechargeDeliveries
            .Where(d => d.MeterId == next.MeterId && d.State == RechargeDeliveryState.Pending && d.MeterCommandId == null && d.Id >= next.Id
                && (d.Detail == null || !d.Detail.StartsWith(OverdraftMarkPrefix))
                && !db.LedgerEntries.Any(r => r.Kind == LedgerEntryKind.Reversal && r.CauseType == LedgerService.ReversalCauseType && r.CauseId == d.LedgerKey))
            .OrderBy(d => d.Id).ToListAsync(cancellationToken);
        var gathered = new List<RechargeDelivery>();
        var sum = 0m;
        foreach (var part in pending.TakeWhile(p => Fen.IsWhole(p.Amount)))
        {
            gathered.Add(part);
            sum += part.Amount;
            if (sum > owed)
            {
                break;
            }
        }

        if (sum <= owed || !Fen.IsWhole(owed))
        {
            logger.LogInformation("Meter {MeterId}: {Sum} yuan pending does not yet pay off the carried overdraft of {Owed} yuan", next.MeterId, sum, owed);
            return OverdraftLink.Waiting;
        }

        var command = NewPurchase(next.MeterId, sum - owed, RequestedBy, string.Create(CultureInfo.InvariantCulture,
            $"Recharge {string.Join(", ", gathered.Select(p => p.LedgerKey))}: {sum} yuan less the overdraft {owed} yuan carried by {string.Join(", ", overdraft.Select(t => t.IdempotencyKey))}"));
        db.MeterCommands.Add(command);
        await db.SaveChangesAsync(cancellationToken);
        // The command links to the first part (a command links one part at most); the others carry its mark until it ends.
        gathered[0].MeterCommandId = command.Id;
        foreach (var part in gathered.Skip(1))
        {
            part.Detail = OverdraftMark(command.Id);
        }

        foreach (var transfer in overdraft)
        {
            transfer.MeterCommandId = command.Id;
        }

        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return OverdraftLink.Linked;
    }

    /// <summary>The command that delivers a part: its own, or the one that paid off an overdraft with it.</summary>
    private async Task<long?> LinkedCommandAsync(long partId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var part = await db.RechargeDeliveries.AsNoTracking().Where(d => d.Id == partId).Select(d => new { d.MeterCommandId, d.Detail }).SingleAsync(cancellationToken);
        return part.MeterCommandId
            ?? (part.Detail is { } detail && detail.StartsWith(OverdraftMarkPrefix, StringComparison.Ordinal)
                && long.TryParse(detail.AsSpan(OverdraftMarkPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null);
    }

    /// <summary>The start of the detail of a part gathered into another part's purchase (to pay off a carried overdraft).</summary>
    public const string OverdraftMarkPrefix = "Delivered with an overdraft pay-off, command ";

    private static string OverdraftMark(long commandId) => OverdraftMarkPrefix + commandId.ToString(CultureInfo.InvariantCulture);

    /// <summary>Marks the transfers delivered by <paramref name="command"/> once it ended; returns their state.</summary>
    private async Task<BalanceTransferState> CompleteTransfersAsync(MeterCommand command, CancellationToken cancellationToken)
    {
        var state = command.State switch
        {
            MeterCommandState.Confirmed => BalanceTransferState.Delivered,
            MeterCommandState.Refused => BalanceTransferState.Failed,
            MeterCommandState.Failed when IsCountMismatch(command) => BalanceTransferState.Failed,
            _ => BalanceTransferState.Pending,
        };
        if (state == BalanceTransferState.Pending)
        {
            return state;
        }

        List<PendingBalanceTransfer> done;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            done = await db.PendingBalanceTransfers.Where(t => t.MeterCommandId == command.Id && t.State == BalanceTransferState.Pending).ToListAsync(cancellationToken);
            foreach (var transfer in done)
            {
                transfer.State = state;
                transfer.CompletedAt = time.GetUtcNow();
                transfer.Error = state == BalanceTransferState.Failed ? Truncate(command.Error ?? command.State.ToString()) : null;
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        if (state == BalanceTransferState.Failed)
        {
            foreach (var transfer in done)
            {
                await RaiseTransferAlarmAsync(transfer, command.Error, cancellationToken);
            }
        }

        return state;
    }

    private async Task FailTransferAsync(long transferId, int meterId, string error, CancellationToken cancellationToken)
    {
        PendingBalanceTransfer transfer;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            transfer = await db.PendingBalanceTransfers.SingleAsync(t => t.Id == transferId, cancellationToken);
            transfer.State = BalanceTransferState.Failed;
            transfer.CompletedAt = time.GetUtcNow();
            transfer.Error = Truncate(error);
            await db.SaveChangesAsync(cancellationToken);
        }

        logger.LogWarning("Balance transfer {Key} to meter {MeterId} failed: {Error}", transfer.IdempotencyKey, meterId, error);
        await RaiseTransferAlarmAsync(transfer, error, cancellationToken);
    }

    private Task RaiseTransferAlarmAsync(PendingBalanceTransfer transfer, string? error, CancellationToken cancellationToken) =>
        alarms.RaiseAsync(new OperatorAlarmRaised(TransferFailedAlarmCode, transfer.MeterId, time.GetUtcNow(), string.Create(CultureInfo.InvariantCulture,
            $"Balance {transfer.Amount} yuan carried by {transfer.IdempotencyKey} to meter {transfer.MeterId} needs an operator: {error}")), cancellationToken);

    private MeterCommand NewPurchase(int meterId, decimal amount, string requestedBy, string reason) => new()
    {
        MeterId = meterId,
        Kind = MeterCommandKind.DeliverPurchase,
        State = MeterCommandState.Requested,
        RequestedAt = time.GetUtcNow(),
        RequestedBy = requestedBy,
        Reason = Truncate(reason),
        PayloadJson = JsonSerializer.Serialize(new MeterCommandRunner.PurchasePayload(amount, null)),
    };

    private static string Truncate(string text) => text.Length > 500 ? text[..500] : text;
}
