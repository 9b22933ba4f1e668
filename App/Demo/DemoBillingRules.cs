using Prepaid.App.Fees;
using Prepaid.App.Kernel.Time;
using Prepaid.App.Persistence.Entities;
using Prepaid.App.Persistence;
using Prepaid.Domain.Billing;
using Prepaid.Domain.Model;

namespace Prepaid.App.Demo;

/// <summary>
/// The demo mall's property fees and its public-area sharing rule, derived from the generated tenants alone (no
/// randomness): food-court stalls and small kiosks pay a fixed fee, every other shop a rate per m2 by business type;
/// the sharing rule is the reference case, a fixed ratio per shop (by leased area, in 0.01 % steps, summing to
/// exactly 1) over all 50 public-area meters with a 2 % loss allowance.
/// </summary>
internal static class DemoBillingRules
{
    public const decimal KioskAreaM2 = 30m;

    public static PropertyFeeSetting Fee(Tenant tenant, DateOnly effectiveFrom, DateTimeOffset now)
    {
        var (basis, rate) = tenant.BusinessType switch
        {
            BusinessType.FoodCourt => (PropertyFeeBasis.FixedMonthly, 680m),
            _ when tenant.LeasedAreaM2 < KioskAreaM2 => (PropertyFeeBasis.FixedMonthly, 480m),
            BusinessType.Supermarket => (PropertyFeeBasis.PerSquareMetre, 4.5m),
            BusinessType.Cinema => (PropertyFeeBasis.PerSquareMetre, 5m),
            BusinessType.Ktv => (PropertyFeeBasis.PerSquareMetre, 6m),
            BusinessType.Restaurant => (PropertyFeeBasis.PerSquareMetre, 9.8m),
            _ => (PropertyFeeBasis.PerSquareMetre, 12.5m),
        };
        return new PropertyFeeSetting
        {
            TenantId = tenant.Id, Basis = basis, Rate = rate, EffectiveFrom = effectiveFrom, UpdatedAt = now, UpdatedBy = DemoSeeder.SeedUser,
        };
    }

    /// <summary>Ratios proportional to leased area in units of 0.0001: floors first, the units left one each to the
    /// largest remainders (ties: larger area, then earlier tenant), so they sum to exactly 1.</summary>
    public static IReadOnlyList<(int TenantId, decimal Ratio)> RatiosByArea(IReadOnlyList<Tenant> tenants)
    {
        const int units = 10_000;
        var total = tenants.Sum(t => t.LeasedAreaM2);
        var quotas = tenants.Select((t, i) => (Index: i, Exact: t.LeasedAreaM2 * units / total)).ToList();
        var floors = quotas.Select(q => Math.Max(1, (int)decimal.Floor(q.Exact))).ToArray();
        var left = units - floors.Sum();
        if (left < 0)
        {
            throw new InvalidOperationException("Too many tiny shops for ratios in 0.01 % steps.");
        }

        foreach (var q in quotas.OrderByDescending(q => q.Exact - decimal.Floor(q.Exact)).ThenByDescending(q => tenants[q.Index].LeasedAreaM2).ThenBy(q => q.Index))
        {
            if (left <= 0)
            {
                break;
            }

            floors[q.Index]++;
            left--;
        }

        return [.. tenants.Select((t, i) => (t.Id, floors[i] / (decimal)units))];
    }

    public static void Add(PrepaidDb db, DemoMall mall, DateTimeOffset now)
    {
        var zone = SiteTime.Zone(mall.Site.TimeZoneId);
        var thisMonth = SiteMonths.Of(now, zone).FirstDay;
        var tenants = mall.Tenants.Select(t => t.Tenant).ToList();
        db.PropertyFeeSettings.AddRange(tenants.Select(t => Fee(t, thisMonth, now)));
        var rule = new SharingRule
        {
            SiteId = mall.Site.Id,
            Name = "公共区域电费分摊 Public-area electricity",
            Key = SharingKey.FixedRatio,
            LossAllowanceRate = 0.02m,
            // The mall is seeded as of the start of its history: from that month on, so every month the history covers
            // is shared on the 1st after it (the first one for the days the history covers), and none before it.
            EffectiveFrom = thisMonth,
            UpdatedAt = now,
            UpdatedBy = DemoSeeder.SeedUser,
            Tenants = [.. RatiosByArea(tenants).Select(r => new SharingRuleTenant { TenantId = r.TenantId, KeyValue = r.Ratio })],
            Meters = [.. mall.Meters.Where(m => m.Meter.Role == MeterRole.PublicArea).Select(m => new SharingRuleMeter { MeterId = m.Meter.Id })],
        };
        db.SharingRules.Add(rule);
    }
}
