using Prepaid.Domain.Model;

namespace Prepaid.App.Demo;

/// <summary>Which demo price plan a meter uses.</summary>
internal enum DemoTariff
{
    ElectricityTou,
    WaterTiered,
}

/// <summary>A shaft with its transformer (by index) and its gateway, whose buses are in <see cref="Gateway.Buses"/>.</summary>
internal sealed record DemoShaft(Shaft Shaft, int TransformerIndex, Gateway Gateway);

/// <summary>A tenant, its account and the balance carried into the platform.</summary>
internal sealed record DemoTenant(Tenant Tenant, Account Account, decimal OpeningBalance);

/// <summary>A meter with references that become foreign keys once their targets are saved.</summary>
internal sealed record DemoMeter(Meter Meter, int? ShaftIndex, Bus Bus, int? TenantIndex, DemoTariff? Tariff, int? TransformerIndex);

/// <summary>The whole generated mall, not yet saved.</summary>
internal sealed record DemoMall(
    Site Site,
    IReadOnlyList<Transformer> Transformers,
    IReadOnlyList<DemoShaft> Shafts,
    IReadOnlyList<DemoTenant> Tenants,
    IReadOnlyList<DemoMeter> Meters);
