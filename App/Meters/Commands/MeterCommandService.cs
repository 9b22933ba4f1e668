using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Prepaid.App.Kernel.Security;
using Prepaid.App.Persistence;
using Prepaid.App.Kernel.Contracts;
using Prepaid.Domain.Model;
using Prepaid.Domain.Security;

using Prepaid.App.Kernel.Commands;
namespace Prepaid.App.Meters.Commands;

/// <summary>A command the caller may not or cannot give, with a code the UI localizes.</summary>
public sealed class MeterCommandRefusedException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>
/// Operators' control commands: the permission is checked here, whatever the caller; the command is journaled with
/// who asked and why and audited before it is sent, and its outcome comes from reading the meter back.
/// </summary>
public sealed class MeterCommandService(
    IDbContextFactory<PrepaidDb> factory,
    MeterCommandRunner runner,
    IAcquisitionAccess acquisition,
    AuditLog audit,
    MeterCommandNotifier notifier,
    TimeProvider time)
{
    /// <summary>
    /// Keep power and its release (the end of keep power) are granted; trip, close and valves are for safety;
    /// pushing prices belongs to whoever edits tariffs, pushing the power limit to whoever edits configuration.
    /// </summary>
    public static Permission PermissionFor(MeterCommandKind kind) => kind switch
    {
        MeterCommandKind.KeepPower or MeterCommandKind.Release => Permission.GrantKeepPower,
        MeterCommandKind.PushPrices => Permission.EditTariffs,
        MeterCommandKind.PushPowerLimit => Permission.EditConfiguration,
        _ => Permission.TripClose,
    };

    public async Task<MeterCommand> ExecuteAsync(
        ClaimsPrincipal actor, int meterId, MeterCommandKind kind, string reason, string? address, CancellationToken cancellationToken)
    {
        if (kind == MeterCommandKind.KeepPower)
        {
            // Keep power always has an expiry and a period the relay policy reads: KeepPowerService grants it.
            actor.Demand(PermissionFor(kind));
            throw new MeterCommandRefusedException("kind", "Keep power needs an expiry: grant it as keep power, not as a bare command.");
        }

        var command = await RequestAsync(actor, meterId, kind, reason, address, null, cancellationToken);
        return await RunAsync(command.Id, cancellationToken);
    }

    /// <summary>Runs a journaled command through the bus's command queue and returns it in its final state.</summary>
    public Task<MeterCommand> RunAsync(long commandId, CancellationToken cancellationToken) =>
        runner.RunAsync(acquisition.Engine, commandId, cancellationToken);

    /// <summary>The trimmed reason, or a refusal when it is empty or too long.</summary>
    public static string CheckReason(string? reason)
    {
        reason = reason?.Trim() ?? "";
        if (reason.Length is 0 or > 500)
        {
            throw new MeterCommandRefusedException("reason", "A command needs a reason of 1 to 500 characters.");
        }

        return reason;
    }

    /// <summary>
    /// Checks the permission, the reason and the meter, then journals the command as Requested and audits it;
    /// <paramref name="alongside"/> may stage more changes (a keep-power period) that are saved in the same transaction.
    /// </summary>
    public async Task<MeterCommand> RequestAsync(ClaimsPrincipal actor, int meterId, MeterCommandKind kind, string reason, string? address,
        Func<PrepaidDb, DateTimeOffset, Task>? alongside, CancellationToken cancellationToken)
    {
        actor.Demand(PermissionFor(kind));
        reason = CheckReason(reason);
        if (kind == MeterCommandKind.DeliverPurchase)
        {
            throw new MeterCommandRefusedException("kind", $"{kind} is not an operator command: purchases are delivered by the recharge.");
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var meter = await db.Meters.AsNoTracking().SingleOrDefaultAsync(m => m.Id == meterId, cancellationToken)
            ?? throw new MeterCommandRefusedException("meter", $"No meter with id {meterId}.");
        if (!Fits(meter, kind))
        {
            throw new MeterCommandRefusedException("profile", $"A {meter.Profile} meter has no {kind} command.");
        }

        var now = time.GetUtcNow();
        var command = new MeterCommand
        {
            MeterId = meterId,
            Kind = kind,
            State = MeterCommandState.Requested,
            RequestedAt = now,
            RequestedBy = actor.Identity!.Name!,
            Reason = reason,
        };
        db.MeterCommands.Add(command);
        if (alongside is not null)
        {
            await alongside(db, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        notifier.Publish(command);
        await audit.WriteAsync(AuditKind.ControlCommand, "meter." + kind.ToString().ToLowerInvariant(), command.RequestedBy, address,
            $"meter:{meterId}", after: new { command.Id, kind = kind.ToString(), reason, meter = meter.Name }, cancellationToken: cancellationToken);
        return command;
    }

    /// <summary>Whether the meter's profile has the command (prices only for a meter that bills by itself).</summary>
    public static bool Fits(Meter meter, MeterCommandKind kind)
    {
        var valve = kind is MeterCommandKind.OpenValve or MeterCommandKind.CloseValve;
        return meter.Profile switch
        {
            MeterProfile.PrepaidWater => valve,
            MeterProfile.PrepaidSinglePhase or MeterProfile.PrepaidThreePhase =>
                !valve && kind != MeterCommandKind.DeliverPurchase && (kind != MeterCommandKind.PushPrices || meter.BillingMode == BillingMode.Meter),
            _ => false,
        };
    }
}
