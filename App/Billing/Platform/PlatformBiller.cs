using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Prepaid.App.Kernel.Ledger;
using Prepaid.App.Persistence;
using Prepaid.Domain.Model;
using Prepaid.Domain.Tariffs;

namespace Prepaid.App.Billing.Platform;

/// <summary>What one billing run did.</summary>
public sealed record PlatformBillingRun(int Meters, int IntervalsCharged, int EntriesPosted, decimal Charged, int MetersFailed);

/// <summary>
/// Platform billing (外控): every closed 15-minute interval of a platform-billing meter becomes one EnergyCharge
/// (WaterCharge) ledger entry priced by the tariff engine, under the idempotency key
/// <c>interval-charge:{meterId}:{yyyy-MM-ddTHH:mmZ}</c>. An interval is closed once the meter has a good reading
/// at or after its end, so no later reading adds to it. A cursor per meter remembers how far charging went and
/// the month's and year's tier usage; a meter's charges of a run and its cursor are written in one ledger batch
/// (one transaction), so a crash leaves both or neither. Charging starts at the account's opening.
/// </summary>
public sealed class PlatformBiller(
    IDbContextFactory<PrepaidDb> factory,
    LedgerService ledger,
    IOptions<PlatformBillingOptions> options,
    ILogger<PlatformBiller> logger)
{
    public const string RecordedBy = "platform-billing";
    public static readonly TimeSpan IntervalLength = TimeSpan.FromMinutes(15);

    /// <summary>The idempotency key of a meter's interval charge.</summary>
    public static string KeyFor(int meterId, DateTimeOffset intervalStart) =>
        string.Create(CultureInfo.InvariantCulture, $"interval-charge:{meterId}:{intervalStart.UtcDateTime:yyyy-MM-ddTHH:mm}Z");

    /// <summary>Charges every closed interval not yet charged, meter by meter; one meter's failure is logged and skipped.</summary>
    public async Task<PlatformBillingRun> BillAsync(CancellationToken cancellationToken)
    {
        List<BilledMeter> meters;
        Dictionary<int, TariffPricer> pricers;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            meters = await (from m in db.Meters.AsNoTracking()
                            join a in db.Accounts.AsNoTracking() on m.AccountId equals a.Id
                            join s in db.MeterLiveStates.AsNoTracking() on m.Id equals s.MeterId
                            where m.BillingMode == BillingMode.Platform && m.TariffId != null && a.ClosedAt == null && s.LastGoodAt != null
                                && (m.Profile == MeterProfile.PrepaidSinglePhase || m.Profile == MeterProfile.PrepaidThreePhase || m.Profile == MeterProfile.PrepaidWater)
                            select new BilledMeter(m.Id, m.Kind, a.Id, a.OpenedAt, m.TariffId!.Value, s.LastGoodAt!.Value))
                .ToListAsync(cancellationToken);
            pricers = await TariffCatalog.PricersAsync(db, [.. meters.Select(m => m.TariffId).Distinct()], cancellationToken);
        }

        int intervals = 0, posted = 0, failed = 0;
        var charged = 0m;
        foreach (var meter in meters)
        {
            if (!pricers.TryGetValue(meter.TariffId, out var pricer))
            {
                continue;
            }

            try
            {
                var result = await BillMeterAsync(meter, pricer, cancellationToken);
                intervals += result.Intervals;
                posted += result.Posted;
                charged += result.Charged;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failed++;
                logger.LogError(ex, "Platform billing of meter {MeterId} failed; it is retried at the next run", meter.MeterId);
            }
        }

        return new PlatformBillingRun(meters.Count, intervals, posted, charged, failed);
    }

    private async Task<(int Intervals, int Posted, decimal Charged)> BillMeterAsync(BilledMeter meter, TariffPricer pricer, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var cursor = await db.PlatformBillingCursors.AsNoTracking().SingleOrDefaultAsync(c => c.MeterId == meter.MeterId, cancellationToken);
        var from = cursor?.BilledUntil ?? Ceiling(meter.AccountOpenedAt);
        var lastStart = meter.LastGoodAt - IntervalLength;
        var rows = await db.IntervalEnergies.AsNoTracking()
            .Where(i => i.MeterId == meter.MeterId && i.IntervalStart >= from && i.IntervalStart <= lastStart)
            .OrderBy(i => i.IntervalStart).Take(options.Value.MaxIntervalsPerMeter).ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return (0, 0, 0m);
        }

        var usage = cursor is null
            ? await UsageBeforeAsync(db, meter.MeterId, rows[0].IntervalStart, pricer.Zone, cancellationToken)
            : new TierUsage(cursor.UsageYear, cursor.UsageMonth, cursor.MonthToDate, cursor.YearToDate);
        var postings = new List<LedgerPosting>();
        var total = 0m;
        foreach (var row in rows)
        {
            var charge = Price(pricer, row, usage);
            if (charge.Total > 0m)
            {
                postings.Add(new LedgerPosting(
                    meter.AccountId,
                    meter.Kind == MeterKind.Water ? LedgerEntryKind.WaterCharge : LedgerEntryKind.EnergyCharge,
                    -charge.Total,
                    KeyFor(meter.MeterId, row.IntervalStart),
                    RecordedBy,
                    CauseType: "interval",
                    CauseId: string.Create(CultureInfo.InvariantCulture, $"{meter.MeterId}:{row.IntervalStart.UtcDateTime:yyyy-MM-ddTHH:mm}Z"),
                    Note: Describe(charge, meter.Kind),
                    OccurredAt: row.IntervalStart + IntervalLength));
                total += charge.Total;
            }

            usage = charge.UsageAfter.Year == 0 ? usage : charge.UsageAfter;
        }

        // The charges and the cursor that covers them are one transaction: a crash leaves both or neither.
        var billedUntil = rows[^1].IntervalStart + IntervalLength;
        var startedAt = cursor?.BilledUntil;
        var batch = await ledger.PostBatchAsync(meter.AccountId, postings, cancellationToken, async (ledgerDb, ct) =>
        {
            var stored = await ledgerDb.PlatformBillingCursors.SingleOrDefaultAsync(c => c.MeterId == meter.MeterId, ct);
            if (stored?.BilledUntil != startedAt)
            {
                throw new InvalidOperationException($"The billing cursor of meter {meter.MeterId} moved during the run ({startedAt:O} to {stored?.BilledUntil:O}).");
            }

            if (stored is null)
            {
                stored = new PlatformBillingCursor { MeterId = meter.MeterId };
                ledgerDb.PlatformBillingCursors.Add(stored);
            }

            stored.BilledUntil = billedUntil;
            (stored.UsageYear, stored.UsageMonth, stored.MonthToDate, stored.YearToDate) = (usage.Year, usage.Month, usage.MonthToDate, usage.YearToDate);
        });
        var posted = batch.Appended;
        return (rows.Count, posted, total);
    }

    private TariffCharge Price(TariffPricer pricer, IntervalEnergy row, TierUsage usage)
    {
        var end = row.IntervalStart + IntervalLength;
        var registers = row.Sharp + row.Peak + row.Flat + row.Valley;
        if (options.Value.PricingSource == PlatformPricingSource.RateRegisters && registers == row.Total && registers > 0m)
        {
            return pricer.PriceRegisters(row.IntervalStart, end, new Dictionary<TouRate, decimal>
            {
                [TouRate.Sharp] = row.Sharp, [TouRate.Peak] = row.Peak, [TouRate.Flat] = row.Flat, [TouRate.Valley] = row.Valley,
            }, usage);
        }

        return pricer.PriceInterval(row.IntervalStart, end, row.Total, usage);
    }

    /// <summary>The month's and year's consumption before the first interval charged (a new cursor).</summary>
    private static async Task<TierUsage> UsageBeforeAsync(PrepaidDb db, int meterId, DateTimeOffset before, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var local = SiteTime.Today(before, zone);
        var yearStart = SiteTime.MidnightUtc(new DateOnly(local.Year, 1, 1), zone);
        var monthStart = SiteTime.MidnightUtc(new DateOnly(local.Year, local.Month, 1), zone);
        var rows = await db.IntervalEnergies.AsNoTracking()
            .Where(i => i.MeterId == meterId && i.IntervalStart >= yearStart && i.IntervalStart < before)
            .Select(i => new { i.IntervalStart, i.Total }).ToListAsync(cancellationToken);
        var year = rows.Sum(r => r.Total);
        var month = rows.Where(r => r.IntervalStart >= monthStart).Sum(r => r.Total);
        return new TierUsage(local.Year, local.Month, month, year);
    }

    private static string Describe(TariffCharge charge, MeterKind kind)
    {
        var unit = kind == MeterKind.Water ? "m3" : "kWh";
        var text = string.Join("; ", charge.Items.Select(i => string.Create(CultureInfo.InvariantCulture,
            $"{i.Quantity:0.####} {unit} {(i.Rate is { } r ? r.ToString() : "flat")}{(i.TierIndex is { } t ? $" tier {t + 1}" : "")} x {i.UnitPrice:0.####} = {i.Amount:0.####}")));
        return text.Length > 480 ? text[..480] : text;
    }

    /// <summary>The first interval starting at or after an instant (consumption before the account opened is not charged).</summary>
    private static DateTimeOffset Ceiling(DateTimeOffset at)
    {
        var rest = at.UtcTicks % IntervalLength.Ticks;
        return new DateTimeOffset(at.UtcTicks - rest + (rest == 0 ? 0 : IntervalLength.Ticks), TimeSpan.Zero);
    }

    private sealed record BilledMeter(int MeterId, MeterKind Kind, int AccountId, DateTimeOffset AccountOpenedAt, int TariffId, DateTimeOffset LastGoodAt);
}
