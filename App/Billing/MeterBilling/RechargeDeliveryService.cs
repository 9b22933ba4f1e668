using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Prepaid.App.Billing.Control;
using Prepaid.App.Billing.Ledger;
using Prepaid.App.Billing.Replacement;
using Prepaid.App.Commands;
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
/// (MeterCommandRunner, DOMAIN.md 2.4), so a lost answer, a stop between write and read-back, or a duplicated write
/// can neither lose nor double the purchase.</item>
/// <item>Meter replacement: a positive balance carried from the old device is loaded first, a negative one (overdraft)
/// is deducted from the next purchase (see the other part of this class).</item>
/// <item>Order: a meter's parts are delivered oldest first, one at a time; a part that needs an operator (count
/// mismatch, refused by the meter) holds the later ones back, because their counts would build on it.</item>
/// </list>
/// </summary>
public sealed partial class RechargeDeliveryService(
    IDbContextFactory<PrepaidDb> factory,
    MeterCommandRunner runner,
    ICommandSubmitter submitter,
    IOperatorAlarmSink alarms,
    IOptions<MeterBillingOptions> options,
    TimeProvider time,
    ILogger<RechargeDeliveryService> logger)
{
    public const string RequestedBy = "recharge-delivery";
    public const string NeedsOperatorAlarmCode = "billing.purchase-needs-operator";

    private readonly ConcurrentDictionary<int, SemaphoreSlim> _meterGates = new();

    /// <summary>Test seam: runs after a purchase command finished and before its part is marked (a crash there).</summary>
    internal Action<long>? AfterCommand { get; set; }

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
    internal async Task<List<long>> UnplannedEntriesAsync(CancellationToken cancellationToken)
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

    /// <summary>Meters with parts still pending.</summary>
    internal async Task<List<int>> PendingMetersAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var parts = await db.RechargeDeliveries.AsNoTracking().Where(d => d.State == RechargeDeliveryState.Pending)
            .Select(d => d.MeterId).Distinct().ToListAsync(cancellationToken);
        var transfers = await db.PendingBalanceTransfers.AsNoTracking().Where(t => t.State == BalanceTransferState.Pending && t.Amount > 0)
            .Select(t => t.MeterId).Distinct().ToListAsync(cancellationToken);
        return [.. parts.Union(transfers)];
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
            .Where(HoldsBalance).ToList();
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
            if (!await DeliverTransfersAsync(meterId, cancellationToken))
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
                    var deduction = await LinkOverdraftAsync(next, cancellationToken);
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
        var commandId = await LinkedCommandAsync(part.Id, cancellationToken) ?? await CreateCommandAsync(part, cancellationToken);
        MeterCommand command;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            command = await db.MeterCommands.AsNoTracking().SingleAsync(c => c.Id == commandId, cancellationToken);
        }

        if (command.State != MeterCommandState.Confirmed)
        {
            var retryAt = (command.CompletedAt ?? DateTimeOffset.MinValue) + options.Value.DeliveryRetryAfter;
            if (command.State is MeterCommandState.Failed && retryAt > time.GetUtcNow() && !IsCountMismatch(command))
            {
                return false;
            }

            if (!IsCountMismatch(command) && command.State != MeterCommandState.Refused)
            {
                var submit = submitter.Submit;
                if (submit is null)
                {
                    return false;
                }

                command = await runner.RunAsync(submit, commandId, cancellationToken);
            }
        }

        AfterCommand?.Invoke(commandId);
        var state = command.State switch
        {
            MeterCommandState.Confirmed => RechargeDeliveryState.Delivered,
            MeterCommandState.Refused => RechargeDeliveryState.NeedsOperator,
            MeterCommandState.Failed when IsCountMismatch(command) => RechargeDeliveryState.NeedsOperator,
            _ => RechargeDeliveryState.Pending,
        };
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            var now = time.GetUtcNow();
            var detail = command.State == MeterCommandState.Confirmed ? "Confirmed by the purchase count." : command.Error;
            // Parts gathered to pay off a carried overdraft end with the command that carries them; until then they keep
            // their mark, which names that command (so they never get one of their own).
            var mark = OverdraftMark(commandId);
            var ended = state != RechargeDeliveryState.Pending;
            detail = detail is { Length: > 500 } ? detail[..500] : detail;
            await db.RechargeDeliveries.Where(d => d.Id == part.Id || (ended && (d.MeterCommandId == commandId || (d.MeterId == part.MeterId && d.Detail == mark))))
                .ExecuteUpdateAsync(u => u
                .SetProperty(d => d.State, state)
                .SetProperty(d => d.CompletedAt, ended ? now : null)
                .SetProperty(d => d.Detail, d => !ended && d.Detail == mark ? d.Detail : detail), cancellationToken);
        }

        await CompleteTransfersAsync(command, cancellationToken);
        if (state == RechargeDeliveryState.NeedsOperator)
        {
            await alarms.RaiseAsync(new OperatorAlarmRaised(NeedsOperatorAlarmCode, part.MeterId, time.GetUtcNow(), string.Create(CultureInfo.InvariantCulture,
                $"Recharge {part.LedgerKey}: {part.Amount} yuan to meter {part.MeterId} needs an operator: {command.Error}")), cancellationToken);
        }

        return state == RechargeDeliveryState.Delivered;
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

        var command = new MeterCommand
        {
            MeterId = part.MeterId,
            Kind = MeterCommandKind.DeliverPurchase,
            State = MeterCommandState.Requested,
            RequestedAt = time.GetUtcNow(),
            RequestedBy = RequestedBy,
            Reason = string.Create(CultureInfo.InvariantCulture, $"Recharge {part.LedgerKey}: {part.Amount} yuan ({part.SplitBasis})"),
            PayloadJson = JsonSerializer.Serialize(new MeterCommandRunner.PurchasePayload(part.Amount, null)),
        };
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

    /// <summary>The driver's words for a read-back count that is neither N nor N+1 (another purchase, a meter swap).</summary>
    private static bool IsCountMismatch(MeterCommand command) =>
        command.State == MeterCommandState.Failed && command.Error is { } error && error.Contains("Count mismatch", StringComparison.Ordinal);
}
