using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Prepaid.Acquisition.Drivers;
using Prepaid.Acquisition.Polling;
using Prepaid.App.Kernel.Security;
using Prepaid.App.Meters.KeepPower;
using Prepaid.App.Persistence;
using Prepaid.App.Kernel.Contracts;
using Prepaid.Domain.Model;
using Prepaid.Domain.Security;

namespace Prepaid.App.Meters.Commands;

/// <summary>
/// Runs an action on many meters in the background. Buses run in parallel; on one bus the batch gives one command at
/// a time with <see cref="MeterBatchOptions.BusGap"/> between them, so the pollers' schedule keeps running. Each
/// command goes through the same services as a single one (permission, journal with the batch's reason, read-back).
/// </summary>
public sealed class MeterBatchService(
    IDbContextFactory<PrepaidDb> factory,
    MeterCommandService commands,
    KeepPowerService keepPower,
    IAcquisitionAccess acquisition,
    IOptions<MeterBatchOptions> options,
    IOptions<KeepPowerOptions> keepPowerOptions,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<MeterBatchService> logger)
{
    private readonly ConcurrentDictionary<Guid, MeterBatch> _batches = new();

    public static Permission PermissionFor(MeterBatchAction action) => action switch
    {
        MeterBatchAction.ReadState => Permission.ViewLiveState,
        MeterBatchAction.PushPrices => MeterCommandService.PermissionFor(MeterCommandKind.PushPrices),
        MeterBatchAction.PushSettings => MeterCommandService.PermissionFor(MeterCommandKind.PushPowerLimit),
        MeterBatchAction.KeepPower or MeterBatchAction.Release => Permission.GrantKeepPower,
        _ => MeterCommandService.PermissionFor(MeterCommandKind.Trip),
    };

    public MeterBatch? Find(Guid id) => _batches.GetValueOrDefault(id);

    /// <summary>
    /// Checks the permission, the reason and the expiry once for the whole batch, then starts it and returns at once;
    /// await <see cref="MeterBatch.Completion"/> to wait for the end.
    /// </summary>
    public async Task<MeterBatch> StartAsync(ClaimsPrincipal actor, MeterBatchAction action, IReadOnlyCollection<int> meterIds, string reason,
        DateTimeOffset? keepPowerUntil, string? address, CancellationToken cancellationToken)
    {
        actor.Demand(PermissionFor(action));
        reason = MeterCommandService.CheckReason(reason);
        var ids = meterIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            throw new MeterCommandRefusedException("selection", "Select at least one meter.");
        }

        if (ids.Count > options.Value.MaxMeters)
        {
            throw new MeterCommandRefusedException("selection", $"A batch takes at most {options.Value.MaxMeters} meters.");
        }

        if (action == MeterBatchAction.KeepPower)
        {
            var now = time.GetUtcNow();
            if (keepPowerUntil is not { } until || until <= now)
            {
                throw new MeterCommandRefusedException("expiry-past", "The keep-power expiry must be in the future.");
            }

            if (until - now > keepPowerOptions.Value.MaxDuration)
            {
                throw new MeterCommandRefusedException("expiry-too-far", $"Keep power may be granted for at most {keepPowerOptions.Value.MaxDuration.TotalDays:0.#} days.");
            }
        }

        List<MeterBatchItem> items;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            var meters = await db.Meters.AsNoTracking().Where(m => ids.Contains(m.Id)).Select(m => new { m.Id, m.Name, m.BusId })
                .ToDictionaryAsync(m => m.Id, cancellationToken);
            items = [.. ids.Select(id => meters.TryGetValue(id, out var m) ? new MeterBatchItem(id, m.Name, m.BusId) : new MeterBatchItem(id, $"#{id}", 0)
            {
                State = MeterBatchItemState.Refused,
                Detail = $"No meter with id {id}.",
            })];
        }

        var batch = new MeterBatch(Guid.NewGuid(), action, reason, actor.Identity!.Name!, action == MeterBatchAction.KeepPower ? keepPowerUntil : null,
            time.GetUtcNow(), items);
        _batches[batch.Id] = batch;
        logger.LogInformation("Batch {BatchId} {Action} on {Count} meters by {User}: {Reason}", batch.Id, action, items.Count, batch.RequestedBy, reason);
        batch.Completion = Task.Run(() => RunAsync(batch, actor, address, lifetime.ApplicationStopping), CancellationToken.None);
        return batch;
    }

    private async Task RunAsync(MeterBatch batch, ClaimsPrincipal actor, string? address, CancellationToken stopping)
    {
        var buses = batch.Items.Where(i => i.State == MeterBatchItemState.Waiting).GroupBy(i => i.BusId);
        await Task.WhenAll(buses.Select(bus => RunBusAsync(batch, bus.ToList(), actor, address, stopping)));
        batch.CompletedAt = time.GetUtcNow();
        batch.Changed();
        logger.LogInformation("Batch {BatchId} done: {Confirmed} confirmed, {Failed} failed, {Refused} refused", batch.Id,
            batch.Count(MeterBatchItemState.Confirmed), batch.Count(MeterBatchItemState.Failed), batch.Count(MeterBatchItemState.Refused));
    }

    private async Task RunBusAsync(MeterBatch batch, List<MeterBatchItem> items, ClaimsPrincipal actor, string? address, CancellationToken stopping)
    {
        for (var n = 0; n < items.Count; n++)
        {
            var item = items[n];
            if (stopping.IsCancellationRequested)
            {
                (item.State, item.Detail) = (MeterBatchItemState.Failed, "The server stopped before this meter's turn.");
                batch.Changed();
                continue;
            }

            if (n > 0 && options.Value.BusGap > TimeSpan.Zero)
            {
                await Task.Delay(options.Value.BusGap, time, CancellationToken.None);
            }

            item.State = MeterBatchItemState.Running;
            batch.Changed();
            try
            {
                await RunItemAsync(batch, item, actor, address, stopping);
            }
            catch (MeterCommandRefusedException ex)
            {
                (item.State, item.Detail) = (MeterBatchItemState.Refused, ex.Message);
            }
            catch (PermissionDeniedException ex)
            {
                (item.State, item.Detail) = (MeterBatchItemState.Refused, ex.Message);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Batch {BatchId}: meter {MeterId} failed", batch.Id, item.MeterId);
                (item.State, item.Detail) = (MeterBatchItemState.Failed, ex.Message);
            }

            batch.Changed();
        }
    }

    private async Task RunItemAsync(MeterBatch batch, MeterBatchItem item, ClaimsPrincipal actor, string? address, CancellationToken stopping)
    {
        MeterCommand command;
        switch (batch.Action)
        {
            case MeterBatchAction.ReadState:
                await ReadAsync(batch, item, actor.Identity!.Name!, stopping);
                return;
            case MeterBatchAction.KeepPower:
                command = (await keepPower.GrantAsync(actor, item.MeterId, batch.KeepPowerUntil!.Value, batch.Reason, address, stopping)).Command;
                break;
            case MeterBatchAction.Release:
                command = (await keepPower.ReleaseAsync(actor, item.MeterId, batch.Reason, address, stopping)).Command;
                break;
            default:
                var kind = batch.Action switch
                {
                    MeterBatchAction.PushPrices => MeterCommandKind.PushPrices,
                    MeterBatchAction.PushSettings => MeterCommandKind.PushPowerLimit,
                    _ => MeterCommandKind.Trip,
                };
                command = await commands.ExecuteAsync(actor, item.MeterId, kind, batch.Reason, address, stopping);
                break;
        }

        item.CommandId = command.Id;
        (item.State, item.Detail) = command.State switch
        {
            MeterCommandState.Confirmed => (MeterBatchItemState.Confirmed, null),
            MeterCommandState.Refused => (MeterBatchItemState.Refused, command.Error),
            MeterCommandState.Failed => (MeterBatchItemState.Failed, command.Error),
            // Interrupted by a stop: the journal resumes it at the next start.
            _ => (MeterBatchItemState.Failed, "Interrupted; the command stays pending and runs again at the next start."),
        };
    }

    /// <summary>A read changes nothing on the meter, so it is not journaled; the reading goes through the normal pipeline.</summary>
    private async Task ReadAsync(MeterBatch batch, MeterBatchItem item, string user, CancellationToken stopping)
    {
        if (acquisition.Engine is not { } engine)
        {
            (item.State, item.Detail) = (MeterBatchItemState.Refused, "Acquisition is switched off: the meter cannot be read.");
            return;
        }

        var result = await engine.SubmitCommandAsync(
            new AcquisitionCommand(item.MeterId, new ReadStateCommand(), user, batch.Reason), stopping);
        (item.State, item.Detail) = result.Status switch
        {
            CommandResultStatus.Confirmed => (MeterBatchItemState.Confirmed, (string?)null),
            CommandResultStatus.Refused => (MeterBatchItemState.Refused, result.Detail),
            _ => (MeterBatchItemState.Failed, result.Detail),
        };
    }
}
