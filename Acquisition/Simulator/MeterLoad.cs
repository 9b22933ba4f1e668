using Prepaid.Domain.Model;

namespace Prepaid.Acquisition.Simulator;

/// <summary>The load behind a simulated meter: kind, business or public load type, and rated demand.</summary>
/// <param name="Kind">What drives the demand.</param>
/// <param name="Business">For tenant loads, the business type.</param>
/// <param name="PublicLoad">For public loads, the load type.</param>
/// <param name="RatedDemand">Demand at full activity: kW for electricity, m3/h for water.</param>
/// <param name="Supply">
/// The supply (transformer) the meter hangs on, or null when unknown. A main incomer with a supply measures only the
/// meters of that supply; without one it carries an equal share of the whole site.
/// </param>
public sealed record MeterLoad(LoadKind Kind, BusinessType? Business, PublicLoadType? PublicLoad, decimal RatedDemand, string? Supply = null)
{
    /// <summary>No demand.</summary>
    public static MeterLoad None { get; } = new(LoadKind.None, null, null, 0m);

    /// <summary>The main incomer load.</summary>
    public static MeterLoad MainIncomer { get; } = new(LoadKind.MainIncomer, null, null, 0m);

    /// <summary>A tenant's electricity, rated by business type unless given.</summary>
    public static MeterLoad Tenant(BusinessType business, decimal? ratedKw = null) =>
        new(LoadKind.Tenant, business, null, ratedKw ?? LoadShapes.DefaultRatedKw(business));

    /// <summary>A tenant's water, rated by business type unless given.</summary>
    public static MeterLoad TenantWater(BusinessType business, decimal? ratedM3PerHour = null) =>
        new(LoadKind.Tenant, business, null, ratedM3PerHour ?? LoadShapes.DefaultRatedWater(business));

    /// <summary>A public-area load, rated by type unless given.</summary>
    public static MeterLoad Public(PublicLoadType load, decimal? ratedKw = null) =>
        new(LoadKind.Public, null, load, ratedKw ?? LoadShapes.DefaultRatedKw(load));
}
