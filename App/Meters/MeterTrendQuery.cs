using Microsoft.EntityFrameworkCore;
using Prepaid.App.Persistence;
using Prepaid.Domain.Model;

namespace Prepaid.App.Meters;

/// <summary>One point of a trend: a label for the axis, the value (null where nothing was measured) and its time.</summary>
public sealed record TrendPoint(DateTimeOffset At, string Label, decimal? Value);

/// <summary>A meter's trends in site time: today's 15-minute average power, consumption per day, account balance per day.</summary>
public sealed record MeterTrends(IReadOnlyList<TrendPoint> PowerToday, IReadOnlyList<TrendPoint> PerDay, IReadOnlyList<TrendPoint> Balance);

/// <summary>
/// Trends from what is stored: 15-minute interval energy (kWh, or m3 for water) gives the average power (or flow) of each
/// interval as energy x 4; days are site-local; the balance is the account's ledger summed to the end of each day.
/// </summary>
public sealed class MeterTrendQuery(IDbContextFactory<PrepaidDb> factory)
{
    public const int Days = 30;

    public async Task<MeterTrends> GetAsync(int meterId, DateTimeOffset now, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var meter = await db.Meters.AsNoTracking().SingleAsync(m => m.Id == meterId, cancellationToken);
        var today = SiteTime.Today(now, zone);
        var firstDay = today.AddDays(-(Days - 1));
        var from = SiteTime.MidnightUtc(firstDay, zone);
        var intervals = await db.IntervalEnergies.AsNoTracking().Where(i => i.MeterId == meterId && i.IntervalStart >= from)
            .Select(i => new { i.IntervalStart, i.Total }).ToListAsync(cancellationToken);

        var midnight = SiteTime.MidnightUtc(today, zone);
        var byStart = intervals.Where(i => i.IntervalStart >= midnight).GroupBy(i => i.IntervalStart).ToDictionary(g => g.Key, g => g.Sum(i => i.Total));
        var slots = (int)((SiteTime.MidnightUtc(today.AddDays(1), zone) - midnight).TotalMinutes / 15);
        var power = Enumerable.Range(0, slots).Select(n =>
        {
            var at = midnight.AddMinutes(15 * n);
            decimal? value = byStart.TryGetValue(at, out var kwh) ? kwh * 4m : null;
            return new TrendPoint(at, TimeZoneInfo.ConvertTime(at, zone).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), value);
        }).ToList();

        var perDayTotals = intervals.GroupBy(i => SiteTime.Today(i.IntervalStart, zone)).ToDictionary(g => g.Key, g => g.Sum(i => i.Total));
        var perDay = Enumerable.Range(0, Days).Select(n =>
        {
            var day = firstDay.AddDays(n);
            return new TrendPoint(SiteTime.MidnightUtc(day, zone), day.ToString("MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                perDayTotals.TryGetValue(day, out var total) ? total : null);
        }).ToList();

        var balance = new List<TrendPoint>();
        if (meter.AccountId is { } accountId)
        {
            var entries = await db.LedgerEntries.AsNoTracking().Where(e => e.AccountId == accountId)
                .Select(e => new { e.OccurredAt, e.Amount }).ToListAsync(cancellationToken);
            for (var n = 0; n < Days; n++)
            {
                var day = firstDay.AddDays(n);
                var end = day == today ? now : SiteTime.MidnightUtc(day.AddDays(1), zone);
                balance.Add(new TrendPoint(end, day.ToString("MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    entries.Where(e => e.OccurredAt <= end).Sum(e => e.Amount)));
            }
        }

        return new MeterTrends(power, perDay, balance);
    }
}
