namespace Prepaid.Domain.Tariffs;

/// <summary>
/// Prices energy or water deltas with a <see cref="Tariff"/> in a site time zone.
/// <para>
/// Splitting: a delta is spread over its interval linearly in (real, UTC) time and cut at every
/// site-local midnight (so at season edges, month ends and version changes) and, for
/// <see cref="PriceInterval"/>, at every TOU segment start. Tier thresholds cut a piece exactly at the
/// threshold quantity; a new month (or year) restarts the tier total at its local midnight.
/// Line items never span a local midnight.
/// </para>
/// <para>
/// Rounding rule: quantities are exact decimals, never rounded, and the quantities of the line items
/// sum exactly to the delta (the last piece takes the remainder). Each line item's amount is
/// quantity x unit price rounded to 0.0001 yuan (the ledger's precision) with
/// <see cref="MidpointRounding.AwayFromZero"/> (四舍五入). The total is the sum of the rounded amounts.
/// So a total differs from the unrounded price by at most 0.00005 yuan per line item.
/// </para>
/// <para>
/// A zero delta gives no line items; a negative delta throws (rollovers, resets and meter swaps are
/// events for an operator, never billed).
/// </para>
/// </summary>
public sealed class TariffPricer
{
    /// <summary>Decimals of a line item amount: 0.0001 yuan.</summary>
    public const int AmountDecimals = 4;

    /// <summary>
    /// Decimals to which proportional shares of a delta are rounded (10^-9 kWh or m3), far below any meter's
    /// resolution; the last piece of a delta takes the exact remainder.
    /// </summary>
    public const int ShareDecimals = 9;

    /// <summary>Creates a pricer for a tariff in the site's time zone (see <see cref="SiteTimeZone"/>).</summary>
    public TariffPricer(Tariff tariff, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(tariff);
        ArgumentNullException.ThrowIfNull(zone);
        Tariff = tariff;
        Zone = zone;
    }

    /// <summary>The tariff that prices.</summary>
    public Tariff Tariff { get; }

    /// <summary>The site time zone that defines days, months and TOU periods.</summary>
    public TimeZoneInfo Zone { get; }

    /// <summary>The rounding rule of line item amounts: 0.0001 yuan, half away from zero.</summary>
    public static decimal RoundAmount(decimal amount) =>
        Math.Round(amount, AmountDecimals, MidpointRounding.AwayFromZero);

    /// <summary>
    /// Prices a total delta measured between two instants, spread linearly over time and split at TOU
    /// segments, midnights, seasons, versions and tier thresholds.
    /// </summary>
    /// <remarks>
    /// Rounding: quantities stay exact decimals and sum exactly to the delta; each line item amount is
    /// quantity x unit price rounded to 0.0001 yuan half away from zero (四舍五入); the total is the sum
    /// of the rounded amounts.
    /// </remarks>
    /// <param name="start">Instant of the earlier reading.</param>
    /// <param name="end">Instant of the later reading; after <paramref name="start"/>.</param>
    /// <param name="quantity">Units consumed (kWh or m3); zero gives no items, negative throws.</param>
    /// <param name="usageBefore">Tier usage billed before <paramref name="start"/>; <c>default</c> when none.</param>
    /// <exception cref="ArgumentOutOfRangeException">The quantity or the usage is negative.</exception>
    /// <exception cref="ArgumentException">The interval is empty or reversed, or the usage is for a later period.</exception>
    /// <exception cref="InvalidOperationException">No plan version is valid on a day of the interval.</exception>
    public TariffCharge PriceInterval(DateTimeOffset start, DateTimeOffset end, decimal quantity, TierUsage usageBefore = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(quantity);
        return Price(start, end, [(null, quantity)], atSegments: true, usageBefore);
    }

    /// <summary>
    /// Prices the deltas of the meter's per-rate registers (尖峰平谷) between two readings: each rate's units
    /// at that rate's price. The units are spread linearly over time only to split them at midnights,
    /// versions and months; a tier threshold inside a piece splits every rate in the same proportion.
    /// Plans without TOU price every rate alike.
    /// </summary>
    /// <remarks>
    /// Rounding: quantities stay exact decimals and sum exactly to the delta; each line item amount is
    /// quantity x unit price rounded to 0.0001 yuan half away from zero (四舍五入); the total is the sum
    /// of the rounded amounts.
    /// </remarks>
    /// <param name="start">Instant of the earlier reading.</param>
    /// <param name="end">Instant of the later reading; after <paramref name="start"/>.</param>
    /// <param name="deltas">Units per rate register; zero entries are skipped, a negative one throws.</param>
    /// <param name="usageBefore">Tier usage billed before <paramref name="start"/>; <c>default</c> when none.</param>
    /// <exception cref="ArgumentOutOfRangeException">A delta or the usage is negative.</exception>
    /// <exception cref="ArgumentException">The interval is empty or reversed, or the usage is for a later period.</exception>
    /// <exception cref="InvalidOperationException">No version is valid on a day, or a TOU version has no price for a rate with units.</exception>
    public TariffCharge PriceRegisters(
        DateTimeOffset start, DateTimeOffset end, IReadOnlyDictionary<TouRate, decimal> deltas, TierUsage usageBefore = default)
    {
        ArgumentNullException.ThrowIfNull(deltas);
        foreach (var (rate, delta) in deltas)
        {
            if (delta < 0m)
            {
                throw new ArgumentOutOfRangeException(nameof(deltas), delta, $"The {rate} register delta is negative; negative deltas are never billed.");
            }
        }

        var entries = deltas.Where(d => d.Value > 0m)
            .OrderBy(d => d.Key)
            .Select(d => ((TouRate?)d.Key, d.Value))
            .ToList();
        return Price(start, end, entries, atSegments: false, usageBefore);
    }

    private TariffCharge Price(
        DateTimeOffset start, DateTimeOffset end, List<(TouRate? Rate, decimal Quantity)> entries, bool atSegments, TierUsage usage)
    {
        if (usage.MonthToDate < 0m || usage.YearToDate < 0m)
        {
            throw new ArgumentOutOfRangeException("usageBefore", usage, "Tier usage cannot be negative.");
        }

        var pieces = new List<PricedPiece>();
        if (entries.Sum(e => e.Quantity) == 0m && end >= start)
        {
            // A repeated reading (same instant, no units) is normal and bills nothing.
            return LineItemAssembler.Assemble(pieces, Zone, usage);
        }

        if (end <= start)
        {
            throw new ArgumentException($"The interval {start:O} .. {end:O} is empty or reversed.", nameof(end));
        }

        var slices = TimeSlicer.Slice(Tariff, Zone, start, end, atSegments);
        var totalTicks = (decimal)(end.UtcTicks - start.UtcTicks);
        var allocated = new decimal[entries.Count];
        foreach (var slice in slices)
        {
            var rate = atSegments ? slice.Plan.Tou?.DayScheduleOn(slice.LocalDate).RateAt(slice.LocalStart) : null;
            var elapsed = (decimal)(slice.EndTicks - start.UtcTicks);
            var sliceEntries = new List<(TouRate? Rate, decimal Quantity)>(entries.Count);
            for (var j = 0; j < entries.Count; j++)
            {
                var upToHere = Shares.Cumulative(entries[j].Quantity, elapsed, totalTicks);
                sliceEntries.Add((atSegments ? rate : entries[j].Rate, upToHere - allocated[j]));
                allocated[j] = upToHere;
            }

            usage = TierSplitter.Split(slice, sliceEntries, usage.MovedTo(slice.LocalDate), pieces);
        }

        return LineItemAssembler.Assemble(pieces, Zone, usage);
    }
}
