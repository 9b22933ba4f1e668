namespace Prepaid.Domain.Model;

/// <summary>What a meter measures.</summary>
public enum MeterKind
{
    /// <summary>Active energy in kWh.</summary>
    Electricity = 0,
    /// <summary>Volume in cubic metres.</summary>
    Water = 1,
}

/// <summary>Why the meter is on the site: it decides billing, sharing and loss reconciliation.</summary>
public enum MeterRole
{
    /// <summary>A shop's prepaid meter, billed to its tenant's account.</summary>
    Tenant = 0,
    /// <summary>A public-area meter (lighting, lifts, HVAC...); its cost is shared transparently.</summary>
    PublicArea = 1,
    /// <summary>A transformer's low-voltage incomer meter, used for loss reconciliation.</summary>
    MainIncomer = 2,
}

/// <summary>The register map and capabilities a meter speaks (Acquisition/Drivers/README.md, "Register maps").</summary>
public enum MeterProfile
{
    /// <summary>DDSY1352 family: single-phase prepaid with relay and internal billing.</summary>
    PrepaidSinglePhase = 0,
    /// <summary>DTSY1352 family: three-phase prepaid with relay and internal billing.</summary>
    PrepaidThreePhase = 1,
    /// <summary>The real-time block with prepaid disabled and no relay commands.</summary>
    PublicArea = 2,
    /// <summary>Three-phase metering on a transformer incomer, usually with a large CT ratio.</summary>
    MainIncomer = 3,
    /// <summary>Prepaid water meter with a motorised valve (simulated Modbus profile).</summary>
    PrepaidWater = 4,
}

/// <summary>Who holds the balance and decides the trip.</summary>
public enum BillingMode
{
    /// <summary>Internal control (内控): the meter holds the balance and prices and trips by itself.</summary>
    Meter = 0,
    /// <summary>External control (外控): the platform prices the energy and sends trip and close commands.</summary>
    Platform = 1,
}

/// <summary>How a gateway carries Modbus on TCP.</summary>
public enum GatewayFraming
{
    /// <summary>Modbus TCP with the MBAP header; the gateway converts to RTU on its serial ports.</summary>
    ModbusTcp = 0,
    /// <summary>Raw RTU frames with CRC over TCP (transparent gateway); the master owns the timeout.</summary>
    RtuOverTcp = 1,
}

/// <summary>Serial parity of an RS485 bus.</summary>
public enum SerialParity
{
    /// <summary>No parity bit.</summary>
    None = 0,
    /// <summary>Even parity.</summary>
    Even = 1,
    /// <summary>Odd parity.</summary>
    Odd = 2,
}

/// <summary>Kinds of business a tenant runs: they shape load profiles and reporting.</summary>
public enum BusinessType
{
    /// <summary>A brand or fashion shop.</summary>
    Retail = 0,
    /// <summary>A sit-down restaurant.</summary>
    Restaurant = 1,
    /// <summary>A food-court stall.</summary>
    FoodCourt = 2,
    /// <summary>The supermarket anchor tenant.</summary>
    Supermarket = 3,
    /// <summary>The cinema.</summary>
    Cinema = 4,
    /// <summary>Karaoke (KTV).</summary>
    Ktv = 5,
    /// <summary>Services: salons, clinics, banks, phone shops.</summary>
    Service = 6,
    /// <summary>Cafés and tea shops.</summary>
    Cafe = 7,
}

/// <summary>The load a public-area meter supplies.</summary>
public enum PublicLoadType
{
    /// <summary>Corridor and atrium lighting.</summary>
    Lighting = 0,
    /// <summary>Passenger and goods lifts.</summary>
    Lift = 1,
    /// <summary>Escalators.</summary>
    Escalator = 2,
    /// <summary>Heating, ventilation and air conditioning.</summary>
    Hvac = 3,
    /// <summary>Water and fire pumps.</summary>
    Pump = 4,
}
