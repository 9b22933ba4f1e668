using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Prepaid.App.Kernel.Contracts;
using Prepaid.App.Kernel.Ledger;
using Prepaid.App.Kernel.Live;
using Prepaid.App.Persistence.Entities;
using Prepaid.App.Kernel.Commands;
using Prepaid.App.Persistence;
using Prepaid.Domain.Billing;
using Prepaid.Domain.Model;

namespace Prepaid.App.Billing.MeterBilling;

/// <summary>
/// Delivers the Recharge entries of meter-billing accounts to their meters, exactly once:
/// <list type="number">
/// <item>Plan: the entry is split between the account's electricity and water meter by
/// <see cref="RechargeSplitRule"/> into one <see cref="RechargeDelivery"/> per meter, unique per (entry, meter), so a
/// second planner (a notification and a scan at once, or after a restart) finds the rows instead of adding its own.</item>
/// <item>Command: each part gets exactly one DeliverPurchase command, created in the same transaction that links it to
/// the part; every retry, in this process or after a restart, runs that same command again, never a new one.</item>
/// <item>Protocol: the command persists "expect count N+1" before its first write and resumes from the read-back
/// (MeterCommandRunner; Domain/Billing/README.md), so a lost answer, a stop between write and read-back, or a duplicated write
/// can neither lose nor double the purchase.</item>
/// <item>Meter replacement: a positive balance carried from the old device is loaded first
/// (<see cref="BalanceTransferDelivery"/>), a negative one (overdraft) is deducted from the next purchase
/// (<see cref="OverdraftPayOff"/>).</item>
/// <item>Order: a meter's parts are delivered oldest first, one at a time; a part that needs an operator (count
/// mismatch, refused by the meter) holds the later ones back, because their counts would build on it.</item>
/// </list>
/// </summary>
public sealed class RechargeDeliveryService(
    IDbContextFactory<PrepaidDb> factory,
    LedgerService ledger,
    MeterCommandRunner runner,
    ICommandSubmitter submitter,
    IOperatorAlarmSink alarms,
    IOptions<MeterBillingOptions> options,
    TimeProvider time,
    ILogger<RechargeDeliveryService> logger,
    LiveStateCache? live = null)
{
    public const string RequestedBy = "recharge-delivery";
    public const string NeedsOperatorAlarmCode = "billing.purchase-needs-operator";

    /// <summary>Who requests the purchase that loads a carried balance.</summary>
    public const string TransferRequestedBy = "meter-replacement";

    /// <summary>The operator alarm for a transfer that could not be delivered.</summary>
    public const string TransferFailedAlarmCode = "billing.balance-transfer-failed";

    /// <summary>The start of the detail of a part gathered into another part's purchase (to pay off a carried overdraft).</summary>
    public const string OverdraftMarkPrefix = DeliveryMarks.OverdraftPrefix;

    private readonly ConcurrentDictionary<int, SemaphoreSlim> _meterGates = new();
    private readonly RechargePlanner _planner = new(factory, ledger, options, time, logger);
    private readonly PurchaseCommandRetry _retry = new(factory, runner, submitter, options, time);
    private readonly BalanceTransferDelivery _transfers = new(factory, new PurchaseCommandRetry(factory, runner, submitter, options, time), alarms, time, logger, live);
    private readonly OverdraftPayOff _overdraft = new(factory, time, logger);

    /// <summary>Test seam: runs after a purchase command finished and before its part is marked (a crash there).</summary>
    internal Action<long>? AfterCommand { get; set; }

    /// <summary>Test seam: runs after a part is marked and before the overdraft transfers its command carried are marked (a crash there).</summary>
    internal Action<long>? AfterPartMarked { get; set; }

    /// <summary>
    /// True for a refused purchase of recharge delivery or of a balance transfer, or one that failed on a purchase-count
    /// mismatch: delivery raises its own "needs an operator" alarm for it (which says what to do), so the command
    /// journal's generic CommandFailed alarm must not announce the same failure a second time. A purchase that failed
    /// otherwise is sent again by delivery and still alarms through the journal.
    /// </summary>
    public static bool RaisesOwnAlarm(MeterCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return command is { Kind: MeterCommandKind.DeliverPurchase, RequestedBy: RequestedBy or TransferRequestedBy }
            && (command.State == MeterCommandState.Refused || PurchaseCommands.IsCountMismatch(command));
    }

    /// <summary>The prepaid meter profiles that hold their own balance under meter billing.</summary>
    public static bool HoldsBalance(Meter meter) =>
        meter.BillingMode == BillingMode.Meter && meter.Profile is MeterProfile.PrepaidSinglePhase or MeterProfile.PrepaidThreePhase or MeterProfile.PrepaidWater;

    /// <summary>Plans and delivers one ledger entry (a no-op for anything but a Recharge of a meter-billing account).</summary>
    public async Task DeliverEntryAsync(long entryId, CancellationToken cancellationToken)
    {
        var parts = await PlanAsync(entryId, cancellationToken);
        foreach (var meterId in parts.Select(p => p.MeterId).Distinct())
        {
            await DeliverMeterAsync(meterId, cancellationToken);
        }
    }

    /// <summary>
    /// Finds Recharge entries of meter-billing accounts that were never planned (the process stopped before, or the
    /// notification was missed), plans them, and delivers every pending part. Run at start and periodically.
    /// </summary>
    public async Task<int> ScanAsync(CancellationToken cancellationToken)
    {
        foreach (var entryId in await UnplannedEntriesAsync(cancellationToken))
        {
            await PlanAsync(entryId, cancellationToken);
        }

        var delivered = 0;
        foreach (var meterId in await PendingMetersAsync(cancellationToken))
        {
            try
            {
                delivered += await DeliverMeterAsync(meterId, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Delivery to meter {MeterId} failed; it is retried at the next scan", meterId);
            }
        }

        return delivered;
    }

    /// <summary>Recharge entries of accounts with meter-billing meters that have no parts yet (and were not reversed).</summary>
    internal Task<List<long>> UnplannedEntriesAsync(CancellationToken cancellationToken) => _planner.UnplannedEntriesAsync(cancellationToken);

    /// <summary>Meters with parts still pending.</summary>
    internal async Task<List<int>> PendingMetersAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var parts = await db.RechargeDeliveries.AsNoTracking().Where(d => d.State == RechargeDeliveryState.Pending)
            .Select(d => d.MeterId).Distinct().ToListAsync(cancellationToken);
        // A linked overdraft is included: one whose pay-off part already ended (a stop in between) is settled by the pass.
        var transfers = await db.PendingBalanceTransfers.AsNoTracking().Where(t => t.State == BalanceTransferState.Pending && (t.Amount > 0 || t.MeterCommandId != null))
            .Select(t => t.MeterId).Distinct().ToListAsync(cancellationToken);
        return [.. parts.Union(transfers)];
    }

    /// <summary>The parts of an entry, planned once (existing parts are returned as they are).</summary>
    public Task<IReadOnlyList<RechargeDelivery>> PlanAsync(long entryId, CancellationToken cancellationToken) => _planner.PlanAsync(entryId, cancellationToken);

    /// <summary>The plan a payment of <paramref name="amount"/> would get now (nothing is written).</summary>
    internal Task<RechargeSplitInput> SplitInputAsync(PrepaidDb db, int accountId, Meter? electricity, Meter? water, decimal toMeters, CancellationToken cancellationToken) =>
        _planner.SplitInputAsync(db, accountId, electricity, water, toMeters, cancellationToken);

    internal Task<RechargePlanner.Plan?> PreviewAsync(PrepaidDb db, int accountId, decimal amount, CancellationToken cancellationToken) =>
        _planner.ComputeAsync(db, accountId, amount, null, cancellationToken);

    /// <summary>Delivers a meter's pending parts, oldest first, until one cannot be confirmed yet; returns how many were delivered.</summary>
    public async Task<int> DeliverMeterAsync(int meterId, CancellationToken cancellationToken)
    {
        if (submitter.Submit is null)
        {
            return 0;
        }

        var gate = _meterGates.GetOrAdd(meterId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            var delivered = 0;
            if (!await _transfers.DeliverAsync(meterId, AfterCommand, cancellationToken))
            {
                return delivered;
            }

            while (true)
            {
                RechargeDelivery? next;
                await using (var db = await factory.CreateDbContextAsync(cancellationToken))
                {
                    next = await db.RechargeDeliveries.AsNoTracking()
                        .Where(d => d.MeterId == meterId && d.State != RechargeDeliveryState.Delivered && d.State != RechargeDeliveryState.Cancelled)
                        .OrderBy(d => d.Id).FirstOrDefaultAsync(cancellationToken);
                }

                if (next is { MeterCommandId: null } && await CancelIfReversedAsync(next, cancellationToken))
                {
                    continue;
                }

                if (next is { State: RechargeDeliveryState.Pending, MeterCommandId: null })
                {
                    var deduction = await _overdraft.LinkAsync(next, cancellationToken);
                    if (deduction is OverdraftLink.Waiting)
                    {
                        return delivered;
                    }
                }

                if (next is null || next.State == RechargeDeliveryState.NeedsOperator || !await DeliverOneAsync(next, cancellationToken))
                {
                    return delivered;
                }

                delivered++;
            }
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<bool> DeliverOneAsync(RechargeDelivery part, CancellationToken cancellationToken)
    {
        var commandId = await _overdraft.LinkedCommandAsync(part.Id, cancellationToken) ?? await CreateCommandAsync(part, cancellationToken);
        if (await _retry.RunUnlessSettledAsync(commandId, cancellationToken) is not { } command)
        {
            return false;
        }

        AfterCommand?.Invoke(commandId);
        var state = command.State switch
        {
            MeterCommandState.Confirmed => RechargeDeliveryState.Delivered,
            MeterCommandState.Refused => RechargeDeliveryState.NeedsOperator,
            MeterCommandState.Failed when PurchaseCommands.IsCountMismatch(command) => RechargeDeliveryState.NeedsOperator,
            _ => RechargeDeliveryState.Pending,
        };
        if (state == RechargeDeliveryState.NeedsOperator)
        {
            // Before the part is marked: a stop in between repeats the alarm at the next pass rather than losing it.
            await RaiseNeedsOperatorAsync(part, command, cancellationToken);
        }

        MeterLiveState? readBack;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            var now = time.GetUtcNow();
            var detail = command.State == MeterCommandState.Confirmed ? "Confirmed by the purchase count." : command.Error;
            // Parts gathered to pay off a carried overdraft end with the command that carries them; until then they keep
            // their mark, which names that command (so they never get one of their own).
            var mark = OverdraftPayOff.Mark(commandId);
            var ended = state != RechargeDeliveryState.Pending;
            detail = detail is null ? null : PurchaseCommands.Truncate(detail);
            // The part is Delivered together with what the purchase read back: after a crash right here the meter's live
            // state never shows the balance from before a purchase the platform already counts as delivered.
            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.RechargeDeliveries.Where(d => d.Id == part.Id || (ended && (d.MeterCommandId == commandId || (d.MeterId == part.MeterId && d.Detail == mark))))
                .ExecuteUpdateAsync(u => u
                .SetProperty(d => d.State, state)
                .SetProperty(d => d.CompletedAt, ended ? now : null)
                .SetProperty(d => d.Detail, d => !ended && d.Detail == mark ? d.Detail : detail), cancellationToken);
            readBack = state == RechargeDeliveryState.Delivered ? await PurchaseReadBacks.WriteAsync(db, command, now, cancellationToken) : null;
            await tx.CommitAsync(cancellationToken);
        }

        if (readBack is not null)
        {
            live?.Apply([readBack]);
        }

        AfterPartMarked?.Invoke(commandId);
        await _transfers.CompleteWithPartAsync(command, cancellationToken);
        return state == RechargeDeliveryState.Delivered;
    }

    /// <summary>The one alarm of a purchase that needs an operator; it names an overdraft pay-off the purchase carried.</summary>
    private async Task RaiseNeedsOperatorAsync(RechargeDelivery part, MeterCommand command, CancellationToken cancellationToken)
    {
        var overdrafts = await _transfers.PendingOfAsync(command.Id, cancellationToken);
        var carried = overdrafts.Count == 0 ? "" : string.Create(CultureInfo.InvariantCulture,
            $" The same purchase paid off the overdraft carried by {string.Join(", ", overdrafts.Select(t => t.IdempotencyKey))}, which stays owed.");
        await alarms.RaiseAsync(new OperatorAlarmRaised(NeedsOperatorAlarmCode, part.MeterId, time.GetUtcNow(), string.Create(CultureInfo.InvariantCulture,
            $"Recharge {part.LedgerKey}: {part.Amount} yuan to meter {part.MeterId} needs an operator: {command.Error}{carried}")), cancellationToken);
    }

    /// <summary>The part's one command, created and linked in one transaction (a part never gets a second command).</summary>
    private async Task<long> CreateCommandAsync(RechargeDelivery part, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var linked = await db.RechargeDeliveries.Where(d => d.Id == part.Id).Select(d => d.MeterCommandId).SingleAsync(cancellationToken);
        if (linked is { } already)
        {
            return already;
        }

        if (await IsReversedAsync(db, part.LedgerKey, cancellationToken))
        {
            throw new InvalidOperationException($"Recharge {part.LedgerKey} was reversed meanwhile; its part is cancelled at the next pass.");
        }

        var command = PurchaseCommands.New(part.MeterId, part.Amount, RequestedBy,
            string.Create(CultureInfo.InvariantCulture, $"Recharge {part.LedgerKey}: {part.Amount} yuan ({part.SplitBasis})"), time.GetUtcNow());
        db.MeterCommands.Add(command);
        await db.SaveChangesAsync(cancellationToken);
        var updated = await db.RechargeDeliveries.Where(d => d.Id == part.Id && d.MeterCommandId == null)
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.MeterCommandId, command.Id), cancellationToken);
        if (updated != 1)
        {
            throw new InvalidOperationException($"Delivery {part.Id} was linked to another command meanwhile.");
        }

        await tx.CommitAsync(cancellationToken);
        return command.Id;
    }

    private static Task<bool> IsReversedAsync(PrepaidDb db, string ledgerKey, CancellationToken cancellationToken) =>
        db.LedgerEntries.AnyAsync(r => r.Kind == LedgerEntryKind.Reversal && r.CauseType == LedgerService.ReversalCauseType && r.CauseId == ledgerKey, cancellationToken);

    /// <summary>A part of a reversed recharge that has no purchase command yet is cancelled (the ledger refuses the
    /// reversal once a command exists, so the two never both happen).</summary>
    private async Task<bool> CancelIfReversedAsync(RechargeDelivery part, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (!await IsReversedAsync(db, part.LedgerKey, cancellationToken))
        {
            return false;
        }

        // The part's money comes back to the ledger first (once, by its key): a stop between the two steps leaves a part
        // that the next pass cancels, never a cancelled part whose money stayed with the meter that did not get it.
        var purchaseKey = MeterPurchases.KeyFor(part.LedgerKey, part.MeterId);
        if (await db.LedgerEntries.AnyAsync(e => e.IdempotencyKey == purchaseKey, cancellationToken))
        {
            await ledger.ReverseAsync(purchaseKey, RequestedBy, "The recharge was reversed before this part was sent.", cancellationToken);
        }

        var now = time.GetUtcNow();
        var cancelled = await db.RechargeDeliveries
            .Where(d => d.Id == part.Id && d.MeterCommandId == null && (d.State == RechargeDeliveryState.Pending || d.State == RechargeDeliveryState.NeedsOperator)
                && (d.Detail == null || !d.Detail.StartsWith(OverdraftMarkPrefix)))
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.State, RechargeDeliveryState.Cancelled).SetProperty(d => d.CompletedAt, now)
                .SetProperty(d => d.Detail, "The recharge was reversed before it was sent."), cancellationToken);
        if (cancelled == 1)
        {
            logger.LogInformation("Part {PartId} of reversed recharge {Key} cancelled before it reached meter {MeterId}", part.Id, part.LedgerKey, part.MeterId);
        }

        return cancelled == 1;
    }
}
