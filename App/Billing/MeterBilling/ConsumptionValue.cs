using Microsoft.EntityFrameworkCore;
using Prepaid.App.Billing.Platform;
using Prepaid.App.Persistence;
using Prepaid.Domain.Tariffs;

namespace Prepaid.App.Billing.MeterBilling;

/// <summary>The value in yuan of a meter's consumption over a past period, priced by its tariff (the split rule's basis).</summary>
public static class ConsumptionValue
{
    public static async Task<decimal> LastDaysAsync(PrepaidDb db, int meterId, int? tariffId, DateTimeOffset now, int days, CancellationToken cancellationToken)
    {
        if (tariffId is not { } id || (await TariffCatalog.PricersAsync(db, [id], cancellationToken)).GetValueOrDefault(id) is not { } pricer)
        {
            return 0m;
        }

        var from = now - TimeSpan.FromDays(days);
        var rows = await db.IntervalEnergies.AsNoTracking().Where(i => i.MeterId == meterId && i.IntervalStart >= from && i.IntervalStart < now)
            .OrderBy(i => i.IntervalStart).Select(i => new { i.IntervalStart, i.Total }).ToListAsync(cancellationToken);
        var usage = default(TierUsage);
        var total = 0m;
        foreach (var row in rows.Where(r => r.Total > 0m))
        {
            try
            {
                var charge = pricer.PriceInterval(row.IntervalStart, row.IntervalStart + PlatformBiller.IntervalLength, row.Total, usage);
                total += charge.Total;
                usage = charge.UsageAfter;
            }
            catch (InvalidOperationException)
            {
                // A day before the plan's first version: not valued.
            }
        }

        return total;
    }
}
