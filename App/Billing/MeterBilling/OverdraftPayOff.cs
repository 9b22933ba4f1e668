using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Prepaid.App.Kernel.Ledger;
using Prepaid.App.Persistence.Entities;
using Prepaid.App.Persistence;
using Prepaid.Domain.Billing;
using Prepaid.Domain.Model;

namespace Prepaid.App.Billing.MeterBilling;

/// <summary>What <see cref="OverdraftPayOff.LinkAsync"/> did for the next pending part.</summary>
internal enum OverdraftLink
{
    /// <summary>No carried overdraft on the meter: the part goes on its own.</summary>
    None,

    /// <summary>The part (and the ones gathered with it) now goes as one purchase that pays off the overdraft.</summary>
    Linked,

    /// <summary>Not enough is pending yet to pay off the overdraft: the parts wait.</summary>
    Waiting,
}

/// <summary>
/// A negative balance carried by a meter replacement (overdraft used on the old device) is deducted from the next
/// purchase: the oldest pending parts of the meter are gathered until they exceed it and go as one purchase of their
/// sum less the overdraft, linked to the transfer in one transaction. Until enough is recharged they wait, so the
/// overdraft is paid off first, as a meter itself does (GB/T 18460.3). The command links to the first part;
/// the others carry its mark (<see cref="RechargeDeliveryService.OverdraftMarkPrefix"/>) until it ends.
/// </summary>
internal sealed class OverdraftPayOff(IDbContextFactory<PrepaidDb> factory, TimeProvider time, ILogger logger)
{
    /// <summary>
    /// With a carried overdraft on the meter, links the oldest pending parts (from <paramref name="next"/> on) to one purchase
    /// of their sum less the overdraft, and the transfer to the same command, in one transaction.
    /// </summary>
    public async Task<OverdraftLink> LinkAsync(RechargeDelivery next, CancellationToken cancellationToken)
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
                && (d.Detail == null || !d.Detail.StartsWith(RechargeDeliveryService.OverdraftMarkPrefix))
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

        var command = PurchaseCommands.New(next.MeterId, sum - owed, RechargeDeliveryService.RequestedBy, string.Create(CultureInfo.InvariantCulture,
            $"Recharge {string.Join(", ", gathered.Select(p => p.LedgerKey))}: {sum} yuan less the overdraft {owed} yuan carried by {string.Join(", ", overdraft.Select(t => t.IdempotencyKey))}"),
            time.GetUtcNow());
        db.MeterCommands.Add(command);
        await db.SaveChangesAsync(cancellationToken);
        // The command links to the first part (a command links one part at most); the others carry its mark until it ends.
        gathered[0].MeterCommandId = command.Id;
        foreach (var part in gathered.Skip(1))
        {
            part.Detail = Mark(command.Id);
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
    public async Task<long?> LinkedCommandAsync(long partId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var part = await db.RechargeDeliveries.AsNoTracking().Where(d => d.Id == partId).Select(d => new { d.MeterCommandId, d.Detail }).SingleAsync(cancellationToken);
        return part.MeterCommandId
            ?? (part.Detail is { } detail && detail.StartsWith(RechargeDeliveryService.OverdraftMarkPrefix, StringComparison.Ordinal)
                && long.TryParse(detail.AsSpan(RechargeDeliveryService.OverdraftMarkPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null);
    }

    /// <summary>The detail of a part gathered into the purchase <paramref name="commandId"/>.</summary>
    public static string Mark(long commandId) => RechargeDeliveryService.OverdraftMarkPrefix + commandId.ToString(CultureInfo.InvariantCulture);
}
