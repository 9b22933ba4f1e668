using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Prepaid.Acquisition.Drivers;
using Prepaid.App.Kernel.Contracts;
using Prepaid.App.Kernel.Commands;
using Prepaid.App.Persistence;
using Prepaid.Domain.Model;
using Prepaid.Domain.Tariffs;

namespace Prepaid.App.Billing.MeterBilling;

/// <summary>What one settings check did.</summary>
public sealed record SettingsPushRun(int Due, int Confirmed, int Failed, int Deferred);

/// <summary>
/// Keeps meter-billing electricity meters in step with the platform: the TOU prices of the tariff version valid today
/// with the account's alarm amounts and overdraft (PushPrices), and the meter's power limit (PushPowerLimit). What a
/// meter should hold is reduced to a fingerprint; a meter whose confirmed fingerprint differs (a new tariff version,
/// a version coming into force at midnight, changed account settings, a new meter) gets a journaled push confirmed by
/// read-back. At most <see cref="MeterBillingOptions.MaxPushesPerBus"/> pushes per bus and check, so a tariff
/// change reaches every meter over a few checks without starving the bus's polling; a failed push is retried after
/// <see cref="MeterBillingOptions.PushRetryAfter"/>.
/// </summary>
public sealed class MeterSettingsPusher(
    IDbContextFactory<PrepaidDb> factory,
    MeterCommandRunner runner,
    ICommandSubmitter submitter,
    IOptions<MeterBillingOptions> options,
    TimeProvider time,
    ILogger<MeterSettingsPusher> logger)
{
    public const string RequestedBy = "meter-settings";

    public async Task<SettingsPushRun> PushDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        if (submitter.Submit is not { } submit)
        {
            return new SettingsPushRun(0, 0, 0, 0);
        }

        List<(Meter Meter, string Kind, string Fingerprint, string Why)> due;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            due = await DueAsync(db, now, cancellationToken);
        }

        var chosen = due.GroupBy(d => d.Meter.BusId).SelectMany(g => g.Take(settings.MaxPushesPerBus)).ToList();
        int confirmed = 0, failed = 0;
        foreach (var (meter, kind, fingerprint, why) in chosen)
        {
            var commandKind = kind == "parameters" ? MeterCommandKind.PushPrices : MeterCommandKind.PushPowerLimit;
            long id;
            await using (var db = await factory.CreateDbContextAsync(cancellationToken))
            {
                var command = new MeterCommand
                {
                    MeterId = meter.Id, Kind = commandKind, State = MeterCommandState.Requested, RequestedAt = now,
                    RequestedBy = RequestedBy, Reason = why,
                };
                db.MeterCommands.Add(command);
                var push = await db.MeterSettingsPushes.SingleOrDefaultAsync(p => p.MeterId == meter.Id, cancellationToken);
                if (push is null)
                {
                    push = new MeterSettingsPush { MeterId = meter.Id };
                    db.MeterSettingsPushes.Add(push);
                }

                push.AttemptedAt = now;
                await db.SaveChangesAsync(cancellationToken);
                id = command.Id;
            }

            var done = await runner.RunAsync(submit, id, cancellationToken);
            if (done.State != MeterCommandState.Confirmed)
            {
                failed++;
                logger.LogWarning("Settings push {Kind} to meter {MeterId} not confirmed: {Error}", commandKind, meter.Id, done.Error);
                continue;
            }

            confirmed++;
            await using (var db = await factory.CreateDbContextAsync(cancellationToken))
            {
                var push = await db.MeterSettingsPushes.SingleAsync(p => p.MeterId == meter.Id, cancellationToken);
                if (kind == "parameters")
                {
                    push.ParametersFingerprint = fingerprint;
                }
                else
                {
                    push.PowerLimitFingerprint = fingerprint;
                }

                push.ConfirmedAt = time.GetUtcNow();
                await db.SaveChangesAsync(cancellationToken);
            }
        }

        return new SettingsPushRun(due.Count, confirmed, failed, due.Count - chosen.Count);
    }

    /// <summary>The pushes due now: meters whose confirmed fingerprint differs from what they should hold.</summary>
    internal async Task<List<(Meter Meter, string Kind, string Fingerprint, string Why)>> DueAsync(PrepaidDb db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var meters = await db.Meters.AsNoTracking()
            .Where(m => m.BillingMode == BillingMode.Meter && (m.Profile == MeterProfile.PrepaidSinglePhase || m.Profile == MeterProfile.PrepaidThreePhase))
            .OrderBy(m => m.Id).ToListAsync(cancellationToken);
        var accounts = await db.Accounts.AsNoTracking().Select(a => new { a.Id, a.AlarmAmount1, a.AlarmAmount2, a.OverdraftLimit })
            .ToDictionaryAsync(a => a.Id, cancellationToken);
        var pushes = await db.MeterSettingsPushes.AsNoTracking().ToDictionaryAsync(p => p.MeterId, cancellationToken);
        var zones = await db.Sites.AsNoTracking().ToDictionaryAsync(s => s.Id, s => SiteTime.Zone(s.TimeZoneId), cancellationToken);
        var versions = await db.TariffVersions.AsNoTracking().Select(v => new { v.Id, v.TariffId, v.ValidFrom, v.PlanJson }).ToListAsync(cancellationToken);
        var retryBefore = now - options.Value.PushRetryAfter;

        var due = new List<(Meter, string, string, string)>();
        foreach (var meter in meters)
        {
            var push = pushes.GetValueOrDefault(meter.Id);
            var failedRecently = push?.AttemptedAt is { } attempted && attempted > retryBefore && (push.ConfirmedAt is null || push.ConfirmedAt < attempted);
            if (failedRecently)
            {
                continue;
            }

            var today = SiteTime.Today(now, zones.GetValueOrDefault(meter.SiteId) ?? TimeZoneInfo.Utc);
            var version = versions.Where(v => v.TariffId == meter.TariffId && v.ValidFrom <= today).MaxBy(v => v.ValidFrom);
            var account = meter.AccountId is { } accountId ? accounts.GetValueOrDefault(accountId) : null;
            if (version is not null)
            {
                var prices = MeterPrices.FromPlan(TariffPlanJson.Deserialize(version.PlanJson));
                var fingerprint = string.Create(CultureInfo.InvariantCulture,
                    $"p:{prices.Sharp:0.0000}/{prices.Peak:0.0000}/{prices.Flat:0.0000}/{prices.Valley:0.0000};a:{account?.AlarmAmount1:0.00}/{account?.AlarmAmount2:0.00};o:{account?.OverdraftLimit:0.00}");
                if (push?.ParametersFingerprint != fingerprint)
                {
                    due.Add((meter, "parameters", fingerprint, string.Create(CultureInfo.InvariantCulture,
                        $"Prices of tariff version {version.Id} (valid from {version.ValidFrom:yyyy-MM-dd}) and the account's alarm amounts and overdraft")));
                }
            }

            var limit = string.Create(CultureInfo.InvariantCulture, $"l:{meter.PowerLimitKw?.ToString("0.00", CultureInfo.InvariantCulture) ?? "off"}/{meter.PowerLimitDurationSeconds}");
            if (push?.PowerLimitFingerprint != limit)
            {
                due.Add((meter, "power-limit", limit, "The meter's power limit"));
            }
        }

        return due;
    }
}
