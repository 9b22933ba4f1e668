using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Prepaid.App.Kernel.Contracts;
using Prepaid.App.Meters.Commands;
using Prepaid.App.Kernel.Security;
using Prepaid.App.Persistence;
using Prepaid.Domain.Model;
using Prepaid.Domain.Security;

namespace Prepaid.App.Meters.KeepPower;

/// <summary>A grant or release: the period as stored and the meter command sent for it, in its final state.</summary>
public sealed record KeepPowerOutcome(KeepPowerPeriod? Period, MeterCommand Command);

/// <summary>
/// Keep power (保电) with an expiry. The period in <c>KeepPowerPeriods</c> is what the relay policy obeys; the meter's
/// own forced close is sent through the command journal (confirmed by read-back) in the same transaction as the period,
/// so a stop in between leaves a pending command that is resumed at the next start.
/// </summary>
public sealed class KeepPowerService(
    IDbContextFactory<PrepaidDb> factory,
    MeterCommandService commands,
    AuditLog audit,
    IOperatorAlarmSink alarms,
    IOptions<KeepPowerOptions> options,
    TimeProvider time,
    ILogger<KeepPowerService> logger)
{
    /// <summary>Who ends a period whose expiry was reached, in the period and in the release command's journal.</summary>
    public const string ExpiryActor = "keep-power-expiry";

    /// <summary>The operator alarm raised while an expiry Release is not confirmed (a meter may stay forced on).</summary>
    public const string ReleaseUnconfirmedCode = "keeppower.release-unconfirmed";

    private static readonly MeterCommandKind[] RelayKinds = [MeterCommandKind.Trip, MeterCommandKind.Close, MeterCommandKind.KeepPower, MeterCommandKind.Release];

    // One expiry pass at a time in this process, so that no period is ended (and released) twice.
    private readonly SemaphoreSlim _expiryGate = new(1, 1);

    /// <summary>The active period of a meter, if any.</summary>
    public async Task<KeepPowerPeriod?> ActiveAsync(int meterId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var running = await db.KeepPowerPeriods.AsNoTracking().Where(p => p.MeterId == meterId && p.EndedAt == null)
            .OrderByDescending(p => p.Id).ToListAsync(cancellationToken);
        return running.FirstOrDefault(p => p.IsActiveAt(now));
    }

    /// <summary>
    /// Grants keep power until <paramref name="expiresAt"/> (in the future, within <see cref="KeepPowerOptions.MaxDuration"/>).
    /// A period still running on the meter is ended by this grant, so one period at most is active per meter.
    /// </summary>
    public async Task<KeepPowerOutcome> GrantAsync(ClaimsPrincipal actor, int meterId, DateTimeOffset expiresAt, string reason, string? address,
        CancellationToken cancellationToken)
    {
        actor.Demand(Permission.GrantKeepPower);
        reason = MeterCommandService.CheckReason(reason);
        var now = time.GetUtcNow();
        if (expiresAt <= now)
        {
            throw new MeterCommandRefusedException("expiry-past", "The keep-power expiry must be in the future.");
        }

        if (expiresAt - now > options.Value.MaxDuration)
        {
            throw new MeterCommandRefusedException("expiry-too-far", $"Keep power may be granted for at most {options.Value.MaxDuration.TotalDays:0.#} days.");
        }

        var user = actor.Identity!.Name!;
        KeepPowerPeriod? period = null;
        List<long> replaced = [];
        var command = await commands.RequestAsync(actor, meterId, MeterCommandKind.KeepPower, reason, address, async (db, at) =>
        {
            foreach (var running in await db.KeepPowerPeriods.Where(p => p.MeterId == meterId && p.EndedAt == null).ToListAsync(cancellationToken))
            {
                running.EndedAt = at;
                running.EndedBy = user;
                replaced.Add(running.Id);
            }

            period = new KeepPowerPeriod { MeterId = meterId, GrantedBy = user, Reason = reason, GrantedAt = at, ExpiresAt = expiresAt };
            db.KeepPowerPeriods.Add(period);
        }, cancellationToken);
        await audit.WriteAsync(AuditKind.ControlCommand, "keeppower.grant", user, address, $"meter:{meterId}",
            before: replaced.Count > 0 ? new { ended = replaced } : null,
            after: new { period!.Id, period.ExpiresAt, reason, command = command.Id }, cancellationToken: cancellationToken);
        return new KeepPowerOutcome(period, await commands.RunAsync(command.Id, cancellationToken));
    }

    /// <summary>
    /// Ends the meter's keep power now (if one runs) and sends Release, which returns the meter to prepaid control;
    /// without a running period it is the plain "restore prepaid control" of a meter under forced control.
    /// </summary>
    public async Task<KeepPowerOutcome> ReleaseAsync(ClaimsPrincipal actor, int meterId, string reason, string? address, CancellationToken cancellationToken)
    {
        actor.Demand(Permission.GrantKeepPower);
        var user = actor.Identity!.Name!;
        KeepPowerPeriod? ended = null;
        var command = await commands.RequestAsync(actor, meterId, MeterCommandKind.Release, reason, address, async (db, at) =>
        {
            foreach (var running in await db.KeepPowerPeriods.Where(p => p.MeterId == meterId && p.EndedAt == null).ToListAsync(cancellationToken))
            {
                running.EndedAt = at;
                running.EndedBy = user;
                ended = running;
            }
        }, cancellationToken);
        if (ended is not null)
        {
            await audit.WriteAsync(AuditKind.ControlCommand, "keeppower.release", user, address, $"meter:{meterId}",
                before: new { ended.Id, ended.ExpiresAt, ended.GrantedBy }, after: new { ended.EndedAt, reason = reason.Trim(), command = command.Id },
                cancellationToken: cancellationToken);
        }

        return new KeepPowerOutcome(ended, await commands.RunAsync(command.Id, cancellationToken));
    }

    /// <summary>
    /// Ends every period whose expiry has passed and sends its meter Release (requested by <see cref="ExpiryActor"/>).
    /// The end and the journaled command are saved together: after a stop the command is resumed, never lost, and
    /// a period is never processed twice. Then sends Release again where an expiry Release failed (see
    /// <see cref="RetryUnconfirmedReleasesAsync"/>). Returns how many periods were ended.
    /// </summary>
    public async Task<int> ProcessExpiriesAsync(CancellationToken cancellationToken)
    {
        await _expiryGate.WaitAsync(cancellationToken);
        try
        {
            var ended = await ProcessExpiriesOnceAsync(cancellationToken);
            await RetryUnconfirmedReleasesAsync(cancellationToken);
            return ended;
        }
        finally
        {
            _expiryGate.Release();
        }
    }

    private async Task<int> ProcessExpiriesOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        List<(KeepPowerPeriod Period, MeterCommand Command)> due = [];
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            var expired = await db.KeepPowerPeriods.Where(p => p.EndedAt == null && p.ExpiresAt <= now).OrderBy(p => p.ExpiresAt).ToListAsync(cancellationToken);
            foreach (var period in expired)
            {
                period.EndedAt = now;
                period.EndedBy = ExpiryActor;
                var command = new MeterCommand
                {
                    MeterId = period.MeterId,
                    Kind = MeterCommandKind.Release,
                    State = MeterCommandState.Requested,
                    RequestedAt = now,
                    RequestedBy = ExpiryActor,
                    Reason = Truncate($"Keep power expired (granted by {period.GrantedBy}: {period.Reason})"),
                };
                db.MeterCommands.Add(command);
                due.Add((period, command));
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        foreach (var (period, command) in due)
        {
            await audit.WriteAsync(AuditKind.ControlCommand, "keeppower.expire", ExpiryActor, null, $"meter:{period.MeterId}",
                before: new { period.Id, period.ExpiresAt, period.GrantedBy }, after: new { period.EndedAt, command = command.Id }, cancellationToken: cancellationToken);
            var result = await commands.RunAsync(command.Id, cancellationToken);
            logger.LogInformation("Keep power {PeriodId} on meter {MeterId} expired; release {State}", period.Id, period.MeterId, result.State);
            await AlarmIfUnconfirmedAsync(result, 1, cancellationToken);
        }

        return due.Count;
    }

    /// <summary>
    /// A meter whose newest relay command is a failed expiry Release may stay forced on indefinitely, so the Release is
    /// sent again with a doubling wait (<see cref="KeepPowerOptions.ReleaseRetryFirst"/> up to
    /// <see cref="KeepPowerOptions.ReleaseRetryMax"/>) until one is confirmed. Any later relay command (an operator's
    /// trip, close, grant or release) ends the retries: the operator has taken the meter over. Everything is derived from
    /// the command journal, so the retries survive a restart. Returns how many Releases were sent.
    /// </summary>
    public async Task<int> RetryUnconfirmedReleasesAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        List<(MeterCommand Command, int Failures)> due = [];
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            var candidates = await db.MeterCommands.AsNoTracking()
                .Where(c => c.RequestedBy == ExpiryActor && c.Kind == MeterCommandKind.Release
                    && (c.State == MeterCommandState.Failed || c.State == MeterCommandState.Refused))
                .Select(c => c.MeterId).Distinct().ToListAsync(cancellationToken);
            foreach (var meterId in candidates)
            {
                var recent = await db.MeterCommands.AsNoTracking().Where(c => c.MeterId == meterId && RelayKinds.Contains(c.Kind))
                    .OrderByDescending(c => c.Id).Take(64).ToListAsync(cancellationToken);
                var failures = recent.TakeWhile(IsFailedExpiryRelease).ToList();
                if (failures.Count == 0 || failures[0].CompletedAt is not { } last || now < last + RetryDelay(failures.Count))
                {
                    continue;
                }

                var command = new MeterCommand
                {
                    MeterId = meterId,
                    Kind = MeterCommandKind.Release,
                    State = MeterCommandState.Requested,
                    RequestedAt = now,
                    RequestedBy = ExpiryActor,
                    Reason = Truncate($"Keep power expired; release not confirmed after {failures.Count} tries ({failures[0].Reason})"),
                };
                db.MeterCommands.Add(command);
                due.Add((command, failures.Count));
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        foreach (var (command, failures) in due)
        {
            var result = await commands.RunAsync(command.Id, cancellationToken);
            logger.LogWarning("Expiry release of meter {MeterId} sent again after {Failures} failures: {State}", command.MeterId, failures, result.State);
            await AlarmIfUnconfirmedAsync(result, failures + 1, cancellationToken);
        }

        return due.Count;
    }

    /// <summary>
    /// True for a failed or refused expiry Release: this service raises its own alarm for it (with the retry plan),
    /// so the command journal's generic CommandFailed alarm must not announce the same failure a second time.
    /// </summary>
    public static bool RaisesOwnAlarm(MeterCommand command) => IsFailedExpiryRelease(command);

    private static bool IsFailedExpiryRelease(MeterCommand c) =>
        c is { RequestedBy: ExpiryActor, Kind: MeterCommandKind.Release, State: MeterCommandState.Failed or MeterCommandState.Refused };

    private TimeSpan RetryDelay(int failures)
    {
        var o = options.Value;
        var ticks = o.ReleaseRetryFirst.Ticks;
        for (var i = 1; i < failures && ticks < o.ReleaseRetryMax.Ticks; i++)
        {
            ticks *= 2;
        }

        return TimeSpan.FromTicks(Math.Min(ticks, o.ReleaseRetryMax.Ticks));
    }

    private async Task AlarmIfUnconfirmedAsync(MeterCommand result, int tries, CancellationToken cancellationToken)
    {
        if (!IsFailedExpiryRelease(result))
        {
            return;
        }

        var next = result.CompletedAt!.Value + RetryDelay(tries);
        await alarms.RaiseAsync(new OperatorAlarmRaised(ReleaseUnconfirmedCode, result.MeterId, result.CompletedAt.Value,
            $"Keep power expired but the meter did not confirm Release after {tries} tries ({result.Error}); it may stay forced on. Next try at {next:u}."),
            cancellationToken);
    }

    private static string Truncate(string text) => text.Length > 500 ? text[..500] : text;
}
