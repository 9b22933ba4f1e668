using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Prepaid.App.Kernel.Commands;
using Prepaid.App.Kernel.Contracts;
using Prepaid.App.Kernel.Ledger;
using Prepaid.App.Persistence;
using Prepaid.Domain.Billing;
using Prepaid.Domain.Model;

namespace Prepaid.App.Billing.FeeArrears;

/// <summary>What the fee-arrears rule decided for one meter, and the command it sent (null when none).</summary>
public sealed record FeeArrearsMeterResult(int MeterId, FeeArrearsDecision Decision, MeterCommand? Command);

/// <summary>
/// Applies <see cref="FeeArrearsPolicy"/> to one meter-billed account: builds its money picture, starts the grace
/// period with a "fees owed" notice the first time the meters' money does not cover what is owed, trips every
/// self-billing meter of the account after it (Trip, or CloseValve for water, through the journaled command path,
/// RequestedBy <see cref="RequestedBy"/>, confirmed by read-back), and closes them again once everything owed is
/// paid. The trip is remembered in the meter's <see cref="RelayPolicyRecord"/> with <see cref="TripCause.FeeArrears"/>
/// only once the read-back confirmed it. Evaluations of one account never overlap.
/// </summary>
public sealed class FeeArrearsEvaluator(
    IDbContextFactory<PrepaidDb> factory,
    MeterCommandRunner runner,
    ICommandSubmitter submitter,
    IOptions<FeeArrearsOptions> options,
    TimeProvider time,
    ILogger<FeeArrearsEvaluator> logger)
{
    /// <summary>Who the command journal names for fee-arrears trips and closes.</summary>
    public const string RequestedBy = "fee-arrears";

    // Its own gates (not the ledger's): evaluations of one account wait for each other, never for a ledger post.
    private readonly AccountLocks _gates = new();

    /// <summary>Evaluates the account now; empty when it is closed or has no meter that bills itself.</summary>
    public async Task<IReadOnlyList<FeeArrearsMeterResult>> EvaluateAsync(int accountId, CancellationToken cancellationToken)
    {
        using var _ = await _gates.EnterAsync(accountId, cancellationToken);
        return await EvaluateCoreAsync(accountId, cancellationToken);
    }

    private async Task<IReadOnlyList<FeeArrearsMeterResult>> EvaluateCoreAsync(int accountId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var account = await db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        if (account is not { ClosedAt: null } || await AccountMoneyQuery.GetAsync(db, accountId, cancellationToken) is not { } money)
        {
            return [];
        }

        var ids = money.Meters.Select(m => m.Id).ToList();
        var records = await db.RelayPolicyRecords.Where(r => ids.Contains(r.MeterId)).ToDictionaryAsync(r => r.MeterId, cancellationToken);
        var live = await db.MeterLiveStates.AsNoTracking().Where(l => ids.Contains(l.MeterId)).ToDictionaryAsync(l => l.MeterId, cancellationToken);
        var keepPower = (await db.KeepPowerPeriods.AsNoTracking().Where(k => ids.Contains(k.MeterId) && k.EndedAt == null && k.ExpiresAt > now)
            .Select(k => k.MeterId).ToListAsync(cancellationToken)).ToHashSet();
        var noticedAt = money.OldestOpenCharge is { } oldest
            ? await db.TenantNotices.AsNoTracking().Where(n => n.AccountId == accountId && n.Level == NoticeLevel.FeesOwed && n.At >= oldest)
                .OrderBy(n => n.At).Select(n => (DateTimeOffset?)n.At).FirstOrDefaultAsync(cancellationToken)
            : null;
        DateTimeOffset? graceFrom = money.OldestOpenCharge is null ? null : noticedAt ?? now;
        var grace = options.Value.Grace;

        var results = new List<FeeArrearsMeterResult>();
        foreach (var meter in money.Meters)
        {
            var record = records.GetValueOrDefault(meter.Id);
            var tripped = record is { Relay: RelayState.Open, TripCause: TripCause.FeeArrears };
            var state = live.GetValueOrDefault(meter.Id);
            if (tripped && state is { Quality: ValueQuality.Good, SupplyOn: true, LastGoodAt: { } readAt } && readAt > (record!.RelayChangedAt ?? DateTimeOffset.MinValue))
            {
                // Someone closed it since (an operator, or a keep-power grant that ended): the rule starts again from "on".
                Clear(record, now, "ClosedByOthers");
                tripped = false;
            }

            var offForOther = !tripped && state is { SupplyOn: false };
            var decision = FeeArrearsPolicy.Decide(money.Picture, graceFrom, grace, now, tripped, keepPower.Contains(meter.Id), offForOther);
            var command = decision.State switch
            {
                FeeArrearsState.Trip => await TripAsync(db, meter, record, money.Picture, decision, now, cancellationToken),
                FeeArrearsState.Release => await ReleaseAsync(db, meter, record!, keepPower.Contains(meter.Id), now, cancellationToken),
                _ => null,
            };
            if (records.GetValueOrDefault(meter.Id) is { } kept)
            {
                kept.EvaluatedAt = now;
            }

            results.Add(new FeeArrearsMeterResult(meter.Id, decision, command));
        }

        AddNotices(db, account, money, noticedAt, results, now);
        await db.SaveChangesAsync(cancellationToken);
        return results;
    }

    private async Task<MeterCommand?> TripAsync(PrepaidDb db, Meter meter, RelayPolicyRecord? record, MoneyPicture picture, FeeArrearsDecision decision, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var reason = string.Create(CultureInfo.InvariantCulture,
            $"FeeArrearsTrip (owed {picture.Owed:0.00} yuan, available {picture.Available:0.00} yuan, grace ended {decision.GraceUntil:yyyy-MM-dd HH:mm} UTC)");
        var command = await SendAsync(meter, meter.Kind == MeterKind.Water ? MeterCommandKind.CloseValve : MeterCommandKind.Trip, reason, cancellationToken);
        if (command?.State == MeterCommandState.Confirmed)
        {
            if (record is null)
            {
                record = new RelayPolicyRecord { MeterId = meter.Id, LastReason = nameof(FeeArrearsState.Trip), EvaluatedAt = now };
                db.RelayPolicyRecords.Add(record);
            }

            record.Set(RelayPolicyState.Initial with { Relay = RelayState.Open, TripCause = TripCause.FeeArrears, TrippedAt = now });
            record.RelayChangedAt = time.GetUtcNow();
            record.LastReason = nameof(FeeArrearsState.Trip);
        }

        return command;
    }

    private async Task<MeterCommand?> ReleaseAsync(PrepaidDb db, Meter meter, RelayPolicyRecord record, bool keepPower, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (keepPower)
        {
            // Keep power already forced the supply on; a release command would cancel the grant in the meter.
            Clear(record, now, nameof(FeeArrearsState.Release));
            return null;
        }

        var command = await SendAsync(meter, meter.Kind == MeterKind.Water ? MeterCommandKind.OpenValve : MeterCommandKind.Close,
            "FeeArrearsRelease (everything owed is paid)", cancellationToken);
        if (command?.State == MeterCommandState.Confirmed)
        {
            Clear(record, time.GetUtcNow(), nameof(FeeArrearsState.Release));
        }

        return command;
    }

    private static void Clear(RelayPolicyRecord record, DateTimeOffset at, string reason)
    {
        record.Set(RelayPolicyState.Initial);
        record.RelayChangedAt = at;
        record.LastReason = reason;
    }

    /// <summary>A "fees owed" notice starts the grace period; one notice when the first meter trips and one when the supply is back.</summary>
    private static void AddNotices(PrepaidDb db, Account account, AccountMoney money, DateTimeOffset? noticedAt, List<FeeArrearsMeterResult> results, DateTimeOffset now)
    {
        void Add(NoticeLevel level, decimal amount) => db.TenantNotices.Add(new TenantNotice
        {
            TenantId = account.TenantId, AccountId = account.Id, Level = level, Balance = amount, At = now, Channel = TenantNotice.PendingChannel,
        });

        var uncovered = results.Any(r => r.Decision.GraceUntil is not null
            && r.Decision.State is FeeArrearsState.Grace or FeeArrearsState.Trip or FeeArrearsState.HeldByKeepPower or FeeArrearsState.OtherTrip);
        if (uncovered && noticedAt is null && money.OldestOpenCharge is not null)
        {
            Add(NoticeLevel.FeesOwed, money.Picture.Owed);
        }

        var wasTripped = results.Any(r => r.Decision.State is FeeArrearsState.Remain or FeeArrearsState.Release);
        if (!wasTripped && results.Any(r => r.Decision.State == FeeArrearsState.Trip && r.Command?.State == MeterCommandState.Confirmed))
        {
            Add(NoticeLevel.FeeTrip, money.Picture.Owed);
        }

        if (results.Any(r => r.Decision.State == FeeArrearsState.Release) && results.All(r => r.Decision.State is not FeeArrearsState.Remain))
        {
            Add(NoticeLevel.FeeRestored, 0m);
        }
    }

    private async Task<MeterCommand?> SendAsync(Meter meter, MeterCommandKind kind, string reason, CancellationToken cancellationToken)
    {
        var done = await runner.RequestAsync(submitter.Submit, meter.Id, kind, RequestedBy, reason, options.Value.CommandRetryAfter, cancellationToken);
        if (done is not null)
        {
            logger.LogInformation("Fee arrears {Kind} on meter {MeterId} of account {AccountId}: {State}", kind, meter.Id, meter.AccountId, done.State);
        }

        return done;
    }
}
