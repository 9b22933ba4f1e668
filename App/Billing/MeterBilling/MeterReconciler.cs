using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Prepaid.Acquisition.Drivers;
using Prepaid.App.Kernel.Contracts;
using Prepaid.App.Kernel.Commands;
using Prepaid.App.Persistence;
using Prepaid.Domain.Metering;
using Prepaid.Domain.Model;
using Prepaid.Domain.Tariffs;

namespace Prepaid.App.Billing.MeterBilling;

/// <summary>What one reconciliation run found.</summary>
public sealed record ReconciliationRun(DateOnly RunDate, int Meters, int Skipped, IReadOnlyList<ReconciliationDiscrepancy> Discrepancies);

/// <summary>
/// The nightly reconciliation of meter-billing meters: what the platform expects against what each meter reports
/// (its latest good reading). For every meter:
/// <list type="bullet">
/// <item>Unreadable: no good reading within <see cref="MeterBillingOptions.ReadingMaxAge"/>.</item>
/// <item>Purchase count: the count of the last purchase the platform confirmed must be the meter's count.</item>
/// <item>Undelivered purchase: a recharge part waiting for an operator, or pending for more than an hour.</item>
/// <item>Remaining amount (electricity): last night's remaining + purchases confirmed since - each TOU register's
/// advance x the price pushed to the meter, within <see cref="MeterBillingOptions.RemainingTolerance"/>.</item>
/// <item>Energy: yesterday's consumption by the meter's register (daily freezes) against the 15-minute intervals the
/// platform recorded for that day, within <see cref="MeterBillingOptions.EnergyTolerance"/>.</item>
/// </list>
/// Each run stores a snapshot per meter (tomorrow's starting point) and every discrepancy, and raises the operator
/// alarm hook for each. A run for a date that already has a meter's snapshot skips that meter: a second run (or the
/// catch-up at start) changes nothing.
/// </summary>
public sealed partial class MeterReconciler(
    IDbContextFactory<PrepaidDb> factory,
    IOperatorAlarmSink alarms,
    IOptions<MeterBillingOptions> options,
    TimeProvider time)
{
    public const string AlarmCodePrefix = "billing.reconciliation.";

    public async Task<ReconciliationRun> RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var zone = await SiteTime.FirstSiteZoneAsync(db, cancellationToken);
        var runDate = SiteTime.Today(now, zone);
        var meters = (await db.Meters.AsNoTracking().OrderBy(m => m.Id).ToListAsync(cancellationToken)).Where(RechargeDeliveryService.HoldsBalance).ToList();
        var ids = meters.Select(m => m.Id).ToList();
        // A meter is done for the day once it was compared (its snapshot exists); an unreadable one is tried again
        // at the next run, and a discrepancy already stored for the day is not stored or raised twice.
        var done = (await db.ReconciliationSnapshots.AsNoTracking().Where(s => s.RunDate == runDate).Select(s => s.MeterId).ToListAsync(cancellationToken)).ToHashSet();
        var known = (await db.ReconciliationDiscrepancies.AsNoTracking().Where(d => d.RunDate == runDate).Select(d => new { d.MeterId, d.Kind }).ToListAsync(cancellationToken))
            .Select(d => (d.MeterId, d.Kind)).ToHashSet();
        var live = await db.MeterLiveStates.AsNoTracking().Where(s => ids.Contains(s.MeterId)).ToDictionaryAsync(s => s.MeterId, cancellationToken);
        var found = new List<ReconciliationDiscrepancy>();
        var skipped = 0;
        foreach (var meter in meters)
        {
            if (done.Contains(meter.Id))
            {
                skipped++;
                continue;
            }

            var list = await CheckAsync(db, meter, live.GetValueOrDefault(meter.Id), runDate, zone, now, settings, cancellationToken);
            found.AddRange(list.Where(d => known.Add((d.MeterId, d.Kind))));
        }

        db.ReconciliationDiscrepancies.AddRange(found);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var d in found)
        {
            await alarms.RaiseAsync(new OperatorAlarmRaised(AlarmCodePrefix + d.Kind.ToString().ToLowerInvariant(), d.MeterId, now, d.Detail), cancellationToken);
        }

        return new ReconciliationRun(runDate, meters.Count - skipped, skipped, found);
    }

    private static async Task<List<ReconciliationDiscrepancy>> CheckAsync(
        PrepaidDb db, Meter meter, MeterLiveState? live, DateOnly runDate, TimeZoneInfo zone, DateTimeOffset now, MeterBillingOptions settings, CancellationToken cancellationToken)
    {
        var found = new List<ReconciliationDiscrepancy>();
        void Add(DiscrepancyKind kind, decimal? expected, decimal? reported, string detail) => found.Add(new ReconciliationDiscrepancy
        {
            RunDate = runDate, MeterId = meter.Id, AccountId = meter.AccountId, Kind = kind, Expected = expected, Reported = reported,
            Detail = detail.Length > 500 ? detail[..500] : detail, FoundAt = now,
        });

        var undelivered = await db.RechargeDeliveries.AsNoTracking()
            .Where(d => d.MeterId == meter.Id && d.State != RechargeDeliveryState.Delivered && d.State != RechargeDeliveryState.Cancelled).OrderBy(d => d.Id).ToListAsync(cancellationToken);
        foreach (var part in undelivered.Where(d => d.State == RechargeDeliveryState.NeedsOperator || now - d.CreatedAt > TimeSpan.FromHours(1)))
        {
            Add(DiscrepancyKind.UndeliveredPurchase, part.Amount, null, Invariant($"Recharge {part.LedgerKey}: {part.Amount:0.00} yuan not delivered ({part.State}): {part.Detail}"));
        }

        if (live is not { LastGoodAt: { } readAt } || now - readAt > settings.ReadingMaxAge)
        {
            Add(DiscrepancyKind.Unreadable, null, null, Invariant($"No good reading since {live?.LastGoodAt:O}; nothing could be compared."));
            return found;
        }

        // Purchase count: the count the platform's last confirmed purchase left on the meter.
        var confirmed = await db.MeterCommands.AsNoTracking()
            .Where(c => c.MeterId == meter.Id && c.Kind == MeterCommandKind.DeliverPurchase && c.State == MeterCommandState.Confirmed)
            .OrderBy(c => c.Id).Select(c => new { c.Id, c.PayloadJson, c.CompletedAt }).ToListAsync(cancellationToken);
        var lastIntent = LastIntent(confirmed.Select(c => c.PayloadJson));
        var previous = await db.ReconciliationSnapshots.AsNoTracking().Where(s => s.MeterId == meter.Id && s.RunDate < runDate)
            .OrderByDescending(s => s.RunDate).FirstOrDefaultAsync(cancellationToken);
        var inFlight = undelivered.Count > 0;
        if (!inFlight && CountMismatch(live, lastIntent) is { } mismatch)
        {
            Add(DiscrepancyKind.PurchaseCount, mismatch.Expected, mismatch.Reported, mismatch.Detail);
        }

        if (previous is { RemainingYuan: { } before } && live.RemainingYuan is { } remaining && meter.Kind == MeterKind.Electricity && !inFlight
            && await PricesAsync(db, meter, runDate, cancellationToken) is { } prices
            && Deltas(previous, live) is { } deltas)
        {
            var purchased = confirmed.Where(c => c.CompletedAt > previous.ReadAt && c.CompletedAt <= readAt)
                .Sum(c => JsonSerializer.Deserialize<MeterCommandRunner.PurchasePayload>(c.PayloadJson!)!.Amount);
            var consumed = deltas.Sharp * prices.Sharp + deltas.Peak * prices.Peak + deltas.Flat * prices.Flat + deltas.Valley * prices.Valley;
            var expected = decimal.Round(before + purchased - consumed, 2, MidpointRounding.AwayFromZero);
            if (Math.Abs(expected - remaining) > settings.RemainingTolerance)
            {
                Add(DiscrepancyKind.RemainingAmount, expected, remaining, Invariant(
                    $"Remaining {remaining:0.00} yuan; expected {before:0.00} + purchases {purchased:0.00} - consumption {consumed:0.0000} at the pushed prices = {expected:0.00}."));
            }
        }

        var yesterday = runDate.AddDays(-1);
        var freezes = await db.FreezeReadings.AsNoTracking()
            .Where(f => f.MeterId == meter.Id && f.Kind == FreezeKind.Daily && (f.Period == yesterday || f.Period == runDate))
            .ToDictionaryAsync(f => f.Period, f => f.Value, cancellationToken);
        if (freezes.TryGetValue(yesterday, out var start) && freezes.TryGetValue(runDate, out var end))
        {
            var from = SiteTime.MidnightUtc(yesterday, zone);
            var to = SiteTime.MidnightUtc(runDate, zone);
            var recorded = (await db.IntervalEnergies.AsNoTracking().Where(i => i.MeterId == meter.Id && i.IntervalStart >= from && i.IntervalStart < to)
                .Select(i => i.Total).ToListAsync(cancellationToken)).Sum();
            if (Math.Abs(end - start - recorded) > settings.EnergyTolerance)
            {
                Add(DiscrepancyKind.Energy, recorded, end - start, Invariant(
                    $"On {yesterday:yyyy-MM-dd} the meter's register advanced {end - start:0.####}; the platform recorded {recorded:0.####} in 15-minute intervals."));
            }
        }

        db.ReconciliationSnapshots.Add(new ReconciliationSnapshot
        {
            MeterId = meter.Id, RunDate = runDate, ReadAt = readAt, RemainingYuan = live.RemainingYuan, PurchaseCount = live.PurchaseCount,
            Counter = live.EnergyKwh ?? live.VolumeM3, SharpKwh = live.SharpKwh, PeakKwh = live.PeakKwh, FlatKwh = live.FlatKwh, ValleyKwh = live.ValleyKwh,
        });
        return found;
    }

    private static (decimal Sharp, decimal Peak, decimal Flat, decimal Valley)? Deltas(ReconciliationSnapshot before, MeterLiveState now) =>
        before is { SharpKwh: { } s, PeakKwh: { } p, FlatKwh: { } f, ValleyKwh: { } v } && now is { SharpKwh: { } s2, PeakKwh: { } p2, FlatKwh: { } f2, ValleyKwh: { } v2 }
            && s2 >= s && p2 >= p && f2 >= f && v2 >= v
            ? (s2 - s, p2 - p, f2 - f, v2 - v)
            : null;

    private static async Task<MeterPrices?> PricesAsync(PrepaidDb db, Meter meter, DateOnly day, CancellationToken cancellationToken)
    {
        var json = await db.TariffVersions.AsNoTracking().Where(v => v.TariffId == meter.TariffId && v.ValidFrom <= day)
            .OrderByDescending(v => v.ValidFrom).Select(v => v.PlanJson).FirstOrDefaultAsync(cancellationToken);
        return json is null ? null : MeterPrices.FromPlan(TariffPlanJson.Deserialize(json));
    }

    /// <summary>The intent of the last confirmed purchase among <paramref name="payloads"/> (oldest first).</summary>
    private static PurchaseIntent? LastIntent(IEnumerable<string?> payloads) =>
        payloads.Select(p => p is null ? null : JsonSerializer.Deserialize<MeterCommandRunner.PurchasePayload>(p)?.Intent).LastOrDefault(i => i is not null);

    /// <summary>The meter's count against the count the platform's last confirmed purchase left on it.</summary>
    private static (int Expected, int Reported, string Detail)? CountMismatch(MeterLiveState live, PurchaseIntent? lastIntent) =>
        live.PurchaseCount is { } count && lastIntent is { } intent && count != intent.ExpectedCount
            ? (intent.ExpectedCount, count, Invariant($"The meter's purchase count is {count}; the platform's last confirmed purchase left it at {intent.ExpectedCount}."))
            : null;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
