using Microsoft.EntityFrameworkCore;
using Prepaid.Acquisition.Drivers;
using Prepaid.Acquisition.Polling;
using Prepaid.App.Persistence;
using Prepaid.Domain.Model;
using System.Text.Json;

namespace Prepaid.App.Kernel.Commands;

/// <summary>
/// Executes a journaled command through the bus pollers: Requested, then Sent (persisted before anything reaches
/// the wire), then Confirmed, Failed or Refused from the read-back. A command still Requested or Sent when the
/// process stopped is run again at start: relay and valve commands are idempotent, so a second write is harmless.
/// </summary>
public sealed class MeterCommandRunner(IDbContextFactory<PrepaidDb> factory, MeterCommandNotifier notifier, TimeProvider time, ILogger<MeterCommandRunner> logger)
{
    /// <summary>What a purchase command carries in its journal row: the amount, then the intent once persisted, then the
    /// meter's count and remaining amount read back when it was confirmed.</summary>
    public sealed record PurchasePayload(decimal Amount, PurchaseIntent? Intent, PurchaseReadBack? ReadBack = null);

    /// <summary>The purchase count and remaining amount a confirmed purchase read back from the meter.</summary>
    public sealed record PurchaseReadBack(int Count, decimal Remaining);

    /// <summary>The read-back a confirmed purchase command stored, or null (not a purchase, not confirmed, or confirmed
    /// before read-backs were kept).</summary>
    public static PurchaseReadBack? ReadBackOf(MeterCommand command) =>
        command is { Kind: MeterCommandKind.DeliverPurchase, State: MeterCommandState.Confirmed, PayloadJson: { } json }
            ? JsonSerializer.Deserialize<PurchasePayload>(json)?.ReadBack
            : null;

    /// <summary>Test seam: runs after a run read its command and built the request, before it marks the command Sent (where
    /// another run of the same command can overtake it).</summary>
    internal Func<long, Task>? AfterRequestBuilt { get; set; }

    /// <summary>Journals and delivers a purchase exactly once (by purchase count); the recharge flow calls this, not operators.</summary>
    public async Task<MeterCommand> DeliverPurchaseAsync(
        AcquisitionEngine? engine, int meterId, decimal amount, string requestedBy, string reason, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        long id;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            var command = new MeterCommand
            {
                MeterId = meterId,
                Kind = MeterCommandKind.DeliverPurchase,
                State = MeterCommandState.Requested,
                RequestedAt = time.GetUtcNow(),
                RequestedBy = requestedBy,
                Reason = reason,
                PayloadJson = JsonSerializer.Serialize(new PurchasePayload(amount, null)),
            };
            db.MeterCommands.Add(command);
            await db.SaveChangesAsync(cancellationToken);
            notifier.Publish(command);
            id = command.Id;
        }

        return await RunAsync(engine, id, cancellationToken);
    }

    /// <summary>
    /// Journals a command a policy asks for (who: <paramref name="requestedBy"/>, why: <paramref name="reason"/>) and runs
    /// it to its read-back. Null when nothing can reach the meter (acquisition off: then nothing is journaled either) or
    /// when a command of the same requester on that meter is in flight or failed within <paramref name="retryAfter"/>:
    /// the policy asks again at its next evaluation rather than piling commands onto a meter that does not answer.
    /// </summary>
    public async Task<MeterCommand?> RequestAsync(Func<AcquisitionCommand, Task<CommandResult>>? submit, int meterId, MeterCommandKind kind,
        string requestedBy, string reason, TimeSpan retryAfter, CancellationToken cancellationToken)
    {
        if (submit is null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var since = now - retryAfter;
        long id;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            if (await db.MeterCommands.AsNoTracking().AnyAsync(c => c.MeterId == meterId && c.RequestedBy == requestedBy && c.RequestedAt > since
                    && c.State != MeterCommandState.Confirmed, cancellationToken))
            {
                return null;
            }

            var command = new MeterCommand
            {
                MeterId = meterId, Kind = kind, State = MeterCommandState.Requested, RequestedAt = now, RequestedBy = requestedBy, Reason = reason,
            };
            db.MeterCommands.Add(command);
            await db.SaveChangesAsync(cancellationToken);
            id = command.Id;
        }

        return await RunAsync(submit, id, cancellationToken);
    }

    /// <summary>The driver request for a journaled command; settings come from the meter's current configuration.</summary>
    private async Task<MeterCommandRequest?> RequestForAsync(PrepaidDb db, MeterCommand command, DateTimeOffset now, CancellationToken cancellationToken) =>
        command.Kind switch
        {
            MeterCommandKind.PushPrices => await PricesAsync(db, command.MeterId, now, cancellationToken),
            MeterCommandKind.PushPowerLimit => await PowerLimitAsync(db, command.MeterId, cancellationToken),
            MeterCommandKind.DeliverPurchase => PurchaseRequest(command),
            _ => RelayRequestFor(command.Kind),
        };

    /// <summary>
    /// A persisted intent means a write may have reached the meter: resume by reading the count back. Without one,
    /// nothing was written (the intent is stored before the first write), so the purchase starts afresh.
    /// </summary>
    private MeterCommandRequest? PurchaseRequest(MeterCommand command)
    {
        if (command.PayloadJson is null || JsonSerializer.Deserialize<PurchasePayload>(command.PayloadJson) is not { } payload)
        {
            return null;
        }

        if (payload.Intent is { } intent)
        {
            return new ResumePurchaseCommand(intent);
        }

        var id = command.Id;
        var withoutIntent = command.PayloadJson;
        return new DeliverPurchaseCommand(payload.Amount)
        {
            PersistIntent = async (intent, ct) =>
            {
                await using var db = await factory.CreateDbContextAsync(ct);
                var json = JsonSerializer.Serialize(payload with { Intent = intent });
                // Compare-and-set: when two runs of the same command race (a resume at start and a retry), only the
                // first intent is kept; the second run probed after the first purchase and must not write another.
                var updated = await db.MeterCommands.Where(c => c.Id == id && c.PayloadJson == withoutIntent)
                    .ExecuteUpdateAsync(u => u.SetProperty(c => c.PayloadJson, json), ct);
                if (updated == 0)
                {
                    throw new InvalidOperationException($"Command {id} already holds a purchase intent from another run; this run stops before writing.");
                }

                command.PayloadJson = json;
            },
        };
    }

    private static MeterCommandRequest? RelayRequestFor(MeterCommandKind kind) => kind switch
    {
        MeterCommandKind.Trip => new TripCommand(),
        // Close releases a forced trip: the relay then follows the meter's own prepaid control (closed when in credit).
        MeterCommandKind.Close or MeterCommandKind.Release => new ReleaseControlCommand(),
        MeterCommandKind.KeepPower => new KeepPowerCommand(),
        MeterCommandKind.OpenValve => new OpenValveCommand(),
        MeterCommandKind.CloseValve => new CloseValveCommand(),
        _ => null,
    };

    public Task<MeterCommand> RunAsync(AcquisitionEngine? engine, long commandId, CancellationToken cancellationToken) =>
        RunAsync(engine is null ? null : (Func<AcquisitionCommand, Task<CommandResult>>)(c => engine.SubmitCommandAsync(c)), commandId, cancellationToken);

    /// <summary>Runs a journaled command through <paramref name="submit"/> (the engine's queue, or an in-process
    /// meter in tests); null when acquisition is off.</summary>
    public async Task<MeterCommand> RunAsync(Func<AcquisitionCommand, Task<CommandResult>>? submit, long commandId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var command = await db.MeterCommands.SingleAsync(c => c.Id == commandId, cancellationToken);
        if (IsFinal(command.State))
        {
            // Another run (a resume racing a retry) already finished it: running it again could only undo that.
            return command;
        }

        var request = submit is null ? null : await RequestForAsync(db, command, time.GetUtcNow(), cancellationToken);
        if (submit is null || request is null)
        {
            return await CompleteAsync(db, command, MeterCommandState.Refused,
                submit is null ? "Acquisition is switched off: the command cannot reach the meter." : $"{command.Kind} cannot be built for this meter (no tariff or no valid price version).", cancellationToken);
        }

        // Pushed settings are journaled as sent. Any other payload is left as it is: a purchase's changes only by
        // compare-and-set, and writing back the copy this run read would erase the intent a concurrent run persisted
        // meanwhile, so that this run would probe the count that run's write left and send a second purchase.
        var payload = request switch
        {
            PushParametersCommand p => JsonSerializer.Serialize(new { p.Prices, p.AlarmAmount1, p.AlarmAmount2, p.OverdraftLimit }),
            PushPowerLimitCommand l => JsonSerializer.Serialize(new { l.Enabled, l.MaxPowerKw, l.DurationSeconds }),
            _ => null,
        };
        if (AfterRequestBuilt is { } pause)
        {
            await pause(command.Id);
        }

        var sent = await db.MeterCommands.Where(c => c.Id == command.Id && c.State != MeterCommandState.Confirmed && c.State != MeterCommandState.Refused)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.State, MeterCommandState.Sent).SetProperty(c => c.Attempts, c => c.Attempts + 1)
                .SetProperty(c => c.PayloadJson, c => payload ?? c.PayloadJson), cancellationToken);
        await db.Entry(command).ReloadAsync(cancellationToken);
        if (sent == 0)
        {
            return command;
        }

        notifier.Publish(command);

        CommandResult result;
        try
        {
            result = await submit(new AcquisitionCommand(
                command.MeterId, request, command.RequestedBy, command.Reason));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The bus stopped under the command: it stays Sent and is resumed at the next start.
            logger.LogWarning("Command {CommandId} ({Kind} on meter {MeterId}) was interrupted and stays pending", command.Id, command.Kind, command.MeterId);
            return command;
        }

        command.Attempts += Math.Max(0, result.Attempts - 1);
        var state = result.Status switch
        {
            CommandResultStatus.Confirmed => MeterCommandState.Confirmed,
            CommandResultStatus.Refused => MeterCommandState.Refused,
            _ => MeterCommandState.Failed,
        };
        return await CompleteAsync(db, command, state, result.Detail, cancellationToken, WithReadBack(command, state, result.Outcome?.Check));
    }

    /// <summary>Runs every command left Requested or Sent by a previous process, oldest first.</summary>
    public Task<int> ResumePendingAsync(AcquisitionEngine engine, CancellationToken cancellationToken) =>
        ResumePendingAsync(c => engine.SubmitCommandAsync(c), cancellationToken);

    /// <summary>Runs every command left Requested or Sent by a previous process through <paramref name="submit"/>, oldest first.</summary>
    public async Task<int> ResumePendingAsync(Func<AcquisitionCommand, Task<CommandResult>> submit, CancellationToken cancellationToken)
    {
        List<long> pending;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            pending = await db.MeterCommands
                .Where(c => c.State == MeterCommandState.Requested || c.State == MeterCommandState.Sent)
                .OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(cancellationToken);
        }

        foreach (var id in pending)
        {
            logger.LogInformation("Resuming pending command {CommandId}", id);
            await RunAsync(submit, id, cancellationToken);
        }

        return pending.Count;
    }

    /// <summary>The TOU prices of the meter's tariff version valid today (site time) and its account's alarm amounts.</summary>
    private static async Task<MeterCommandRequest?> PricesAsync(PrepaidDb db, int meterId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var meter = await db.Meters.AsNoTracking().SingleAsync(m => m.Id == meterId, cancellationToken);
        if (meter.TariffId is not { } tariffId)
        {
            return null;
        }

        var zone = await db.Sites.Where(s => s.Id == meter.SiteId).Select(s => s.TimeZoneId).SingleAsync(cancellationToken);
        var today = SiteTime.Today(now, SiteTime.Zone(zone));
        var version = await db.TariffVersions.AsNoTracking().Where(v => v.TariffId == tariffId && v.ValidFrom <= today)
            .OrderByDescending(v => v.ValidFrom).FirstOrDefaultAsync(cancellationToken);
        if (version is null)
        {
            return null;
        }

        var account = meter.AccountId is { } accountId ? await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == accountId, cancellationToken) : null;
        return new PushParametersCommand(
            MeterPrices.FromPlan(Domain.Tariffs.TariffPlanJson.Deserialize(version.PlanJson)),
            account?.AlarmAmount1, account?.AlarmAmount2, account?.OverdraftLimit);
    }

    private static async Task<MeterCommandRequest> PowerLimitAsync(PrepaidDb db, int meterId, CancellationToken cancellationToken)
    {
        var meter = await db.Meters.AsNoTracking().SingleAsync(m => m.Id == meterId, cancellationToken);
        return new PushPowerLimitCommand(meter.PowerLimitKw is not null, meter.PowerLimitKw ?? 0m, meter.PowerLimitDurationSeconds);
    }

    /// <summary>
    /// Writes the outcome unless another run of the same command already confirmed or refused it: a resume racing a
    /// retry must not turn a confirmed purchase into a failed one (its part would then wait for a retry that never
    /// comes, and the overdraft its purchase paid off would stay pending). Compare-and-set, so it holds across processes.
    /// </summary>
    private async Task<MeterCommand> CompleteAsync(
        PrepaidDb db, MeterCommand command, MeterCommandState state, string detail, CancellationToken cancellationToken, string? payloadJson = null)
    {
        var completedAt = time.GetUtcNow();
        var error = state == MeterCommandState.Confirmed ? null : Truncate(detail);
        var extraAttempts = command.Attempts - db.Entry(command).Property(c => c.Attempts).OriginalValue;
        var written = await db.MeterCommands
            .Where(c => c.Id == command.Id && (state == MeterCommandState.Confirmed || (c.State != MeterCommandState.Confirmed && c.State != MeterCommandState.Refused)))
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.State, state).SetProperty(c => c.CompletedAt, completedAt)
                .SetProperty(c => c.Error, error).SetProperty(c => c.Attempts, c => c.Attempts + extraAttempts)
                .SetProperty(c => c.PayloadJson, c => payloadJson ?? c.PayloadJson), cancellationToken);
        await db.Entry(command).ReloadAsync(cancellationToken);
        if (written == 0)
        {
            logger.LogWarning("Command {CommandId} {Kind} on meter {MeterId} was already {State} by another run; this run's {Outcome} ({Detail}) is not recorded",
                command.Id, command.Kind, command.MeterId, command.State, state, detail);
            return command;
        }

        notifier.Publish(command);
        logger.LogInformation("Command {CommandId} {Kind} on meter {MeterId} by {RequestedBy}: {State} ({Detail})",
            command.Id, command.Kind, command.MeterId, command.RequestedBy, state, detail);
        return command;
    }

    /// <summary>A confirmed purchase keeps what it read back (count and remaining), so recharge delivery can put it into
    /// the meter's live state with the part it marks delivered, even when that happens after a restart.</summary>
    private static string? WithReadBack(MeterCommand command, MeterCommandState state, PurchaseCheck? check) =>
        state == MeterCommandState.Confirmed && command is { Kind: MeterCommandKind.DeliverPurchase, PayloadJson: { } json }
            && check is { Count: { } count, Remaining: { } remaining } && JsonSerializer.Deserialize<PurchasePayload>(json) is { } payload
            ? JsonSerializer.Serialize(payload with { ReadBack = new PurchaseReadBack(count, remaining) })
            : null;

    private static bool IsFinal(MeterCommandState state) => state is MeterCommandState.Confirmed or MeterCommandState.Refused;

    private static string Truncate(string text) => text.Length > 500 ? text[..500] : text;
}
