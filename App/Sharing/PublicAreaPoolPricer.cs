using Microsoft.EntityFrameworkCore;
using Prepaid.App.Kernel.Time;
using Prepaid.App.Persistence;
using Prepaid.Domain.Billing;
using Prepaid.Domain.Tariffs;

namespace Prepaid.App.Sharing;

/// <summary>One pool meter's month: consumption and its price.</summary>
public sealed record PoolMeterCost(int MeterId, decimal Quantity, decimal Amount);

/// <summary>
/// Prices the public-area meters' consumption of a site month with the tariff engine. Consumption comes from the
/// 15-minute interval energy (sums of accepted deltas, so a meter swap or a register reset never counts); each
/// interval is priced at its own time (TOU periods, midnights, versions) and tier usage is carried through the
/// month per meter. Amounts are the engine's (0.0001 yuan per line item); the pool is their sum rounded to the fen.
/// </summary>
public sealed class PublicAreaPoolPricer(IDbContextFactory<PrepaidDb> dbFactory)
{
    public static readonly TimeSpan IntervalLength = TimeSpan.FromMinutes(15);

    /// <exception cref="InvalidOperationException">A pool meter has no tariff or its tariff does not cover the month.</exception>
    public async Task<IReadOnlyList<PoolMeterCost>> PriceAsync(IReadOnlyCollection<int> meterIds, BillingMonth month, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var (start, end) = SiteMonths.Bounds(month, zone);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var meters = await db.Meters.AsNoTracking().Where(m => meterIds.Contains(m.Id)).Select(m => new { m.Id, m.Name, m.TariffId }).ToListAsync(cancellationToken);
        var tariffIds = meters.Where(m => m.TariffId != null).Select(m => m.TariffId!.Value).Distinct().ToList();
        var tariffs = (await db.TariffVersions.AsNoTracking().Where(v => tariffIds.Contains(v.TariffId)).ToListAsync(cancellationToken))
            .GroupBy(v => v.TariffId)
            .ToDictionary(g => g.Key, g => new TariffPricer(new Tariff(g.Select(v => TariffPlanJson.Deserialize(v.PlanJson))), zone));
        var costs = new List<PoolMeterCost>();
        foreach (var meter in meters.OrderBy(m => m.Id))
        {
            if (meter.TariffId is not { } tariffId || !tariffs.TryGetValue(tariffId, out var pricer))
            {
                throw new InvalidOperationException($"Public-area meter {meter.Name} has no tariff to price its consumption.");
            }

            var intervals = await db.IntervalEnergies.AsNoTracking()
                .Where(i => i.MeterId == meter.Id && i.IntervalStart >= start && i.IntervalStart < end && i.Total > 0)
                .OrderBy(i => i.IntervalStart)
                .Select(i => new { i.IntervalStart, i.Total })
                .ToListAsync(cancellationToken);
            var usage = TierUsage.For(month.Year, month.Month, 0m);
            var quantity = 0m;
            var amount = 0m;
            foreach (var interval in intervals)
            {
                var charge = pricer.PriceInterval(interval.IntervalStart, interval.IntervalStart + IntervalLength, interval.Total, usage);
                usage = charge.UsageAfter;
                quantity += interval.Total;
                amount += charge.Total;
            }

            costs.Add(new PoolMeterCost(meter.Id, quantity, amount));
        }

        return costs;
    }
}
