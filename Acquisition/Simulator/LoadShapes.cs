using Prepaid.Domain.Model;

namespace Prepaid.Acquisition.Simulator;

/// <summary>
/// Daily activity (fraction of rated demand) by business type and public load, at site-local time: shops
/// 10:00-22:00, restaurants at meal times, cinema and KTV in the evening, the supermarket all day with its
/// refrigeration, lighting, lifts, escalators and HVAC with the mall's hours. Piecewise by half hour; good enough
/// to make TOU registers, bus traffic and alarms realistic, not a load-research model.
/// </summary>
public static class LoadShapes
{
    /// <summary>Fraction of rated demand of a tenant business at <paramref name="time"/>.</summary>
    public static decimal Tenant(BusinessType business, TimeOnly time)
    {
        var h = time.Hour + (time.Minute >= 30 ? 0.5m : 0m);
        return business switch
        {
            BusinessType.Retail => Open(h, 10m, 22m) ? 0.8m : 0.05m,
            BusinessType.Service => Open(h, 9.5m, 21m) ? 0.7m : 0.05m,
            BusinessType.Cafe => Open(h, 8m, 22m) ? (Open(h, 14m, 17m) ? 0.9m : 0.6m) : 0.1m,
            BusinessType.Restaurant or BusinessType.FoodCourt => Meals(h),
            BusinessType.Supermarket => Open(h, 8m, 22m) ? 0.85m : 0.45m,
            BusinessType.Cinema => Open(h, 18m, 23.5m) ? 0.95m : Open(h, 10m, 18m) ? 0.4m : 0.05m,
            BusinessType.Ktv => h >= 20m || h < 1m ? 0.9m : Open(h, 12m, 20m) ? 0.4m : h < 2m ? 0.3m : 0.05m,
            _ => 0.5m,
        };
    }

    /// <summary>Fraction of rated demand of a public-area load at <paramref name="time"/>.</summary>
    public static decimal Public(PublicLoadType load, TimeOnly time)
    {
        var h = time.Hour + (time.Minute >= 30 ? 0.5m : 0m);
        var open = Open(h, 9.5m, 22.5m);
        return load switch
        {
            PublicLoadType.Lighting => open ? 1m : 0.3m,
            PublicLoadType.Lift => open ? 0.5m : 0.05m,
            PublicLoadType.Escalator => Open(h, 10m, 22m) ? 0.8m : 0m,
            PublicLoadType.Hvac => Open(h, 13m, 17m) ? 1m : open ? 0.7m : 0.1m,
            PublicLoadType.Pump => 0.4m,
            _ => 0.5m,
        };
    }

    /// <summary>Typical rated kW of a tenant's electricity.</summary>
    public static decimal DefaultRatedKw(BusinessType business) => business switch
    {
        BusinessType.Retail => 8m,
        BusinessType.Restaurant => 25m,
        BusinessType.FoodCourt => 10m,
        BusinessType.Supermarket => 150m,
        BusinessType.Cinema => 80m,
        BusinessType.Ktv => 40m,
        BusinessType.Service => 5m,
        BusinessType.Cafe => 6m,
        _ => 5m,
    };

    /// <summary>Typical rated kW of a public-area load.</summary>
    public static decimal DefaultRatedKw(PublicLoadType load) => load switch
    {
        PublicLoadType.Lighting => 20m,
        PublicLoadType.Lift => 15m,
        PublicLoadType.Escalator => 11m,
        PublicLoadType.Hvac => 120m,
        PublicLoadType.Pump => 15m,
        _ => 10m,
    };

    /// <summary>Typical rated water flow in m3/h: kitchens use much more than shops.</summary>
    public static decimal DefaultRatedWater(BusinessType business) =>
        business is BusinessType.Restaurant or BusinessType.FoodCourt or BusinessType.Supermarket ? 1.2m : 0.1m;

    private static bool Open(decimal h, decimal from, decimal to) => h >= from && h < to;

    private static decimal Meals(decimal h) =>
        Open(h, 11m, 13.5m) || Open(h, 17m, 20m) ? 1m
        : Open(h, 9m, 22m) ? 0.35m
        : 0.1m;
}
