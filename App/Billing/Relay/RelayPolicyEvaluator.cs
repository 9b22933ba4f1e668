using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Prepaid.App.Kernel.Contracts;
using Prepaid.App.Kernel.Ledger;
using Prepaid.App.Kernel.Commands;
using Prepaid.App.Persistence;
using Prepaid.Domain.Billing;
using Prepaid.Domain.Model;

namespace Prepaid.App.Billing.Relay;

/// <summary>The outcome of one evaluation of one meter.</summary>
public sealed record RelayEvaluation(int MeterId, RelayDecision Decision, MeterCommand? Command);

/// <summary>
/// Applies <see cref="RelayPolicy"/> to one platform-billing meter: gathers the ledger balance, the account's alarm
/// amounts and overdraft, keep power (KeepPowerPeriods), the power limit and the live power, and the remembered
/// <see cref="RelayPolicyRecord"/>; stores tenant notices, raises the over-power alarm, sends Trip/Close through the
/// journaled command path (RequestedBy "relay-policy", the decision's reason) and remembers the new state only as far
/// as the read-back confirmed it. Evaluations of one meter never overlap.
/// </summary>
public sealed class RelayPolicyEvaluator(
    IDbContextFactory<PrepaidDb> factory,
    LedgerService ledger,
    MeterCommandRunner runner,
    ICommandSubmitter submitter,
    IOperatorAlarmSink alarms,
    IOptions<RelayPolicyOptions> options,
    TimeProvider time,
    ILogger<RelayPolicyEvaluator> logger)
{
    public const string OverPowerAlarmCode = "billing.over-power";

    private readonly ConcurrentDictionary<int, SemaphoreSlim> _gates = new();

    /// <summary>Evaluates the meter now; null when it is not a platform-billing prepaid meter on an open account.</summary>
    public async Task<RelayEvaluation?> EvaluateAsync(int meterId, CancellationToken cancellationToken)
    {
        var gate = _gates.GetOrAdd(meterId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await EvaluateCoreAsync(meterId, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<RelayEvaluation?> EvaluateCoreAsync(int meterId, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var meter = await db.Meters.AsNoTracking().SingleOrDefaultAsync(m => m.Id == meterId, cancellationToken);
        if (meter is not { BillingMode: BillingMode.Platform, AccountId: { } accountId }
            || meter.Profile is not (MeterProfile.PrepaidSinglePhase or MeterProfile.PrepaidThreePhase or MeterProfile.PrepaidWater))
        {
            return null;
        }

        var account = await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == accountId, cancellationToken);
        if (account.ClosedAt is not null)
        {
            return null;
        }

        var balance = await ledger.BalanceAsync(accountId, cancellationToken);
        var live = await db.MeterLiveStates.AsNoTracking().SingleOrDefaultAsync(s => s.MeterId == meterId, cancellationToken);
        var record = await db.RelayPolicyRecords.SingleOrDefaultAsync(r => r.MeterId == meterId, cancellationToken);
        if (record is null)
        {
            // A first look: the relay as the meter reports it (see SyncWithMeterAsync).
            record = new RelayPolicyRecord { MeterId = meterId, LastReason = nameof(RelayReason.Normal) };
            record.Set(RelayPolicyState.Initial);
            db.RelayPolicyRecords.Add(record);
        }

        var state = await SyncWithMeterAsync(db, record, live, now, cancellationToken);
        var keepPower = await db.KeepPowerPeriods.AsNoTracking().Where(k => k.MeterId == meterId)
            .OrderByDescending(k => k.GrantedAt).ThenByDescending(k => k.Id).FirstOrDefaultAsync(cancellationToken);
        var power = live is { Quality: ValueQuality.Good, PowerKw: { } kw, LastGoodAt: { } readAt } && now - readAt <= settings.PowerReadingMaxAge
            ? Math.Max(0m, kw) : (decimal?)null;
        var input = new RelayPolicyInput
        {
            Balance = balance,
            AlarmAmount1 = account.AlarmAmount1,
            AlarmAmount2 = account.AlarmAmount2,
            OverdraftLimit = account.OverdraftLimit,
            KeepPower = keepPower is null ? null
                : new KeepPowerGrant(keepPower.GrantedBy, keepPower.Reason,
                    keepPower.EndedAt is { } ended && ended < keepPower.ExpiresAt ? ended : keepPower.ExpiresAt),
            PowerLimit = meter.Kind == MeterKind.Electricity && meter.PowerLimitKw is > 0m and { } limit
                ? new PowerLimitSetting(limit, TimeSpan.FromSeconds(Math.Max(0, meter.PowerLimitDurationSeconds)), settings.OverPowerCoolDown)
                : null,
            PowerKw = meter.Kind == MeterKind.Electricity ? power : null,
            State = state,
            Now = now,
        };
        var decision = RelayPolicy.Evaluate(input);

        if (decision.Notice is { } level && await IsNoticeMeterAsync(db, meter, cancellationToken))
        {
            var tenantId = account.TenantId;
            db.TenantNotices.Add(new TenantNotice
            {
                TenantId = tenantId, AccountId = accountId, MeterId = meterId, Level = level, Balance = balance, At = now,
                Channel = TenantNotice.PendingChannel,
            });
        }

        if (decision.OverPowerAlarm && !record.OverPowerAlarm)
        {
            await alarms.RaiseAsync(new OperatorAlarmRaised(OverPowerAlarmCode, meterId, now, string.Create(CultureInfo.InvariantCulture,
                $"Meter {meter.Name}: power {power} kW above the limit {meter.PowerLimitKw} kW for longer than {meter.PowerLimitDurationSeconds} s; {decision.Reason}.")), cancellationToken);
        }

        MeterCommand? command = null;
        var next = decision.Next;
        if (decision.CommandFor(meter.Kind) is { } kind)
        {
            command = await SendAsync(meter, kind, decision, balance, cancellationToken);
            if (command?.State != MeterCommandState.Confirmed)
            {
                // Not confirmed: the relay stays where the read-back last saw it; the next evaluation tries again.
                next = decision.Next with { Relay = state.Relay, TripCause = state.TripCause, TrippedAt = state.TrippedAt, OverLimitSince = state.OverLimitSince };
            }
            else
            {
                record.RelayChangedAt = time.GetUtcNow();
            }
        }

        record.Set(next);
        record.EvaluatedAt = now;
        record.LastReason = decision.Reason.ToString();
        record.OverPowerAlarm = decision.OverPowerAlarm;
        await db.SaveChangesAsync(cancellationToken);
        return new RelayEvaluation(meterId, decision, command);
    }

    /// <summary>
    /// An operator (or the meter, or a policy command resumed after a restart) may have moved the relay since the
    /// policy last did: a good reading newer than the policy's last change wins. Found closed: as after an operator
    /// close. Found open: the cause is taken from the last confirmed trip in the command journal (a policy trip keeps
    /// its arrears or over-power cause, so a resumed trip is still closed by a recharge), otherwise an operator's trip
    /// or an unknown cause, which the policy never undoes.
    /// </summary>
    private static async Task<RelayPolicyState> SyncWithMeterAsync(
        PrepaidDb db, RelayPolicyRecord record, MeterLiveState? live, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var state = record.ToState();
        if (live is not { Quality: ValueQuality.Good, SupplyOn: { } on, LastGoodAt: { } readAt } || readAt <= (record.RelayChangedAt ?? DateTimeOffset.MinValue))
        {
            return state;
        }

        if (on && state.Relay == RelayState.Open)
        {
            return state.AfterOperatorClose();
        }

        if (on || state.Relay == RelayState.Open)
        {
            return state;
        }

        var trip = await db.MeterCommands.AsNoTracking()
            .Where(c => c.MeterId == record.MeterId && c.State == MeterCommandState.Confirmed && (c.Kind == MeterCommandKind.Trip || c.Kind == MeterCommandKind.CloseValve))
            .OrderByDescending(c => c.Id).Select(c => new { c.RequestedBy, c.Reason, c.CompletedAt }).FirstOrDefaultAsync(cancellationToken);
        var since = record.RelayChangedAt ?? DateTimeOffset.MinValue;
        if (trip is not null && trip.CompletedAt <= since)
        {
            // Older than what the policy already knew: it does not explain this opening.
            trip = null;
        }

        var cause = trip switch
        {
            { RequestedBy: RelayPolicy.RequestedBy } when trip.Reason.StartsWith(nameof(RelayReason.OverPowerTrip), StringComparison.Ordinal) => TripCause.OverPower,
            { RequestedBy: RelayPolicy.RequestedBy } => TripCause.Arrears,
            null => TripCause.Unknown,
            _ => TripCause.Operator,
        };
        return state with { Relay = RelayState.Open, TripCause = cause, TrippedAt = trip?.CompletedAt ?? now, OverLimitSince = null };
    }

    /// <summary>Notices are per account: of an account's platform-billing meters, the lowest id raises them.</summary>
    private static async Task<bool> IsNoticeMeterAsync(PrepaidDb db, Meter meter, CancellationToken cancellationToken) =>
        !await db.Meters.AnyAsync(m => m.AccountId == meter.AccountId && m.BillingMode == BillingMode.Platform && m.Id < meter.Id
            && (m.Profile == MeterProfile.PrepaidSinglePhase || m.Profile == MeterProfile.PrepaidThreePhase || m.Profile == MeterProfile.PrepaidWater), cancellationToken);

    private async Task<MeterCommand?> SendAsync(Meter meter, MeterCommandKind kind, RelayDecision decision, decimal balance, CancellationToken cancellationToken)
    {
        var reason = string.Create(CultureInfo.InvariantCulture, $"{decision.Reason} (balance {balance:0.00} yuan)");
        var done = await runner.RequestAsync(submitter.Submit, meter.Id, kind, RelayPolicy.RequestedBy, reason, options.Value.CommandRetryAfter, cancellationToken);
        if (done is not null)
        {
            logger.LogInformation("Relay policy {Kind} on meter {MeterId}: {Reason} -> {State}", kind, meter.Id, decision.Reason, done.State);
        }

        return done;
    }
}
