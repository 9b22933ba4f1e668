using Microsoft.EntityFrameworkCore;
using Prepaid.Acquisition.Drivers;
using Prepaid.Acquisition.Polling;
using Prepaid.App.Persistence;
using Prepaid.Domain.Model;
using System.Globalization;

namespace Prepaid.App.Commands;

/// <summary>
/// Executes a journaled command through the bus pollers: Requested, then Sent (persisted before anything reaches
/// the wire), then Confirmed, Failed or Refused from the read-back. A command still Requested or Sent when the
/// process stopped is run again at start: relay and valve commands are idempotent, so a second write is harmless.
/// </summary>
public sealed class MeterCommandRunner(IDbContextFactory<PrepaidDb> factory, TimeProvider time, ILogger<MeterCommandRunner> logger)
{
    /// <summary>The driver request for a journaled kind, or null when the platform cannot send it yet.</summary>
    public static MeterCommandRequest? RequestFor(MeterCommandKind kind) => kind switch
    {
        MeterCommandKind.Trip => new TripCommand(),
        // Close releases a forced trip: the relay then follows the meter's own prepaid control (closed when in credit).
        MeterCommandKind.Close or MeterCommandKind.Release => new ReleaseControlCommand(),
        MeterCommandKind.KeepPower => new KeepPowerCommand(),
        MeterCommandKind.OpenValve => new OpenValveCommand(),
        MeterCommandKind.CloseValve => new CloseValveCommand(),
        _ => null,
    };

    public async Task<MeterCommand> RunAsync(AcquisitionEngine? engine, long commandId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var command = await db.MeterCommands.SingleAsync(c => c.Id == commandId, cancellationToken);
        if (engine is null || RequestFor(command.Kind) is not { } request)
        {
            return await CompleteAsync(db, command, MeterCommandState.Refused,
                engine is null ? "Acquisition is switched off: the command cannot reach the meter." : $"{command.Kind} is not sent by this version.", cancellationToken);
        }

        command.State = MeterCommandState.Sent;
        command.Attempts++;
        await db.SaveChangesAsync(cancellationToken);

        CommandResult result;
        try
        {
            result = await engine.SubmitCommandAsync(new AcquisitionCommand(
                command.MeterId.ToString(CultureInfo.InvariantCulture), request, command.RequestedBy, command.Reason));
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
        return await CompleteAsync(db, command, state, result.Detail, cancellationToken);
    }

    /// <summary>Runs every command left Requested or Sent by a previous process, oldest first.</summary>
    public async Task<int> ResumePendingAsync(AcquisitionEngine engine, CancellationToken cancellationToken)
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
            await RunAsync(engine, id, cancellationToken);
        }

        return pending.Count;
    }

    private async Task<MeterCommand> CompleteAsync(PrepaidDb db, MeterCommand command, MeterCommandState state, string detail, CancellationToken cancellationToken)
    {
        command.State = state;
        command.CompletedAt = time.GetUtcNow();
        command.Error = state == MeterCommandState.Confirmed ? null : Truncate(detail);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Command {CommandId} {Kind} on meter {MeterId} by {RequestedBy}: {State} ({Detail})",
            command.Id, command.Kind, command.MeterId, command.RequestedBy, state, detail);
        return command;
    }

    private static string Truncate(string text) => text.Length > 500 ? text[..500] : text;
}
