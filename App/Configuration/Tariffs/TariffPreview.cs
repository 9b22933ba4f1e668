using Prepaid.App.Persistence;
using Prepaid.Domain.Tariffs;

namespace Prepaid.App.Configuration.Tariffs;

/// <summary>One period of a previewed day: the rate and tier block, the quantity priced there and its money.</summary>
public sealed record PreviewLine(TouRate? Rate, int? TierIndex, decimal UnitPrice, decimal Quantity, decimal Amount);

/// <summary>A sample day priced by the tariff engine: the lines and their total.</summary>
public sealed record PreviewResult(DateOnly Day, IReadOnlyList<PreviewLine> Lines, decimal Quantity, decimal Total);

/// <summary>
/// Prices a sample day with the same <see cref="TariffPricer"/> that bills meters: each local hour's quantity is one
/// interval, so TOU segments and tier thresholds cut it exactly as they would a real reading.
/// </summary>
public static class TariffPreview
{
    public const int Hours = 24;

    /// <summary>A constant load: <paramref name="kilowatts"/> for every hour (kWh per hour, or m3 per hour for water).</summary>
    public static decimal[] Constant(decimal kilowatts) => [.. Enumerable.Repeat(kilowatts, Hours)];

    /// <summary>
    /// Prices <paramref name="hourly"/> (24 quantities, hour 0 first) on <paramref name="day"/> with
    /// <paramref name="usedBefore"/> already used in the day's month (and year) for tiers.
    /// </summary>
    public static PreviewResult Price(TariffPlan plan, TimeZoneInfo zone, DateOnly day, IReadOnlyList<decimal> hourly, decimal usedBefore = 0m)
    {
        if (hourly.Count != Hours) throw new ArgumentException($"A sample day has {Hours} hourly quantities; found {hourly.Count}.", nameof(hourly));
        var previewed = plan with { ValidFrom = day };
        var pricer = new TariffPricer(new Tariff(previewed), zone);
        var usage = TierUsage.For(day.Year, day.Month, usedBefore);
        var items = new List<TariffLineItem>();
        var midnight = SiteTime.MidnightUtc(day, zone);
        for (var hour = 0; hour < Hours; hour++)
        {
            if (hourly[hour] < 0) throw new ArgumentOutOfRangeException(nameof(hourly), hourly[hour], $"Hour {hour} has a negative quantity.");
            var charge = pricer.PriceInterval(midnight.AddHours(hour), midnight.AddHours(hour + 1), hourly[hour], usage);
            items.AddRange(charge.Items);
            usage = charge.UsageAfter;
        }

        var lines = items.GroupBy(i => (i.Rate, i.TierIndex, i.UnitPrice))
            .Select(g => new PreviewLine(g.Key.Rate, g.Key.TierIndex, g.Key.UnitPrice, g.Sum(i => i.Quantity), g.Sum(i => i.Amount)))
            .OrderBy(l => l.Rate).ThenBy(l => l.TierIndex).ToList();
        return new PreviewResult(day, lines, lines.Sum(l => l.Quantity), lines.Sum(l => l.Amount));
    }
}
