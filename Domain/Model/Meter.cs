namespace Prepaid.Domain.Model;

/// <summary>A meter on a bus: what it measures, why it is there, how it is billed and where it sits.</summary>
public sealed class Meter
{
    /// <summary>Primary key.</summary>
    public int Id { get; set; }
    /// <summary>The site this meter belongs to.</summary>
    public int SiteId { get; set; }
    /// <summary>The RS485 bus the meter is wired to.</summary>
    public int BusId { get; set; }
    /// <summary>Modbus unit id on the bus, 1 to 247; unique per bus.</summary>
    public int UnitId { get; set; }
    /// <summary>Manufacturer serial number (asset register).</summary>
    public required string SerialNumber { get; set; }
    /// <summary>Display name, for example "B1-023 Lighting" or the shop's unit.</summary>
    public required string Name { get; set; }
    /// <summary>What the meter measures.</summary>
    public MeterKind Kind { get; set; }
    /// <summary>Why the meter is on the site.</summary>
    public MeterRole Role { get; set; }
    /// <summary>Register map and capabilities.</summary>
    public MeterProfile Profile { get; set; }
    /// <summary>Who holds the balance and decides the trip.</summary>
    public BillingMode BillingMode { get; set; }
    /// <summary>Current transformer ratio; energy on the primary side is the register times CT times PT.</summary>
    public int CtRatio { get; set; } = 1;
    /// <summary>Voltage transformer ratio; 1 for low-voltage meters.</summary>
    public int PtRatio { get; set; } = 1;
    /// <summary>Power limit in kW, or null when the limit is off.</summary>
    public decimal? PowerLimitKw { get; set; }
    /// <summary>How long power may stay above the limit before the meter trips, in seconds.</summary>
    public int PowerLimitDurationSeconds { get; set; } = 60;
    /// <summary>The shaft the meter is installed in; null for meters in the low-voltage room.</summary>
    public int? ShaftId { get; set; }
    /// <summary>For a main incomer, the transformer it measures.</summary>
    public int? TransformerId { get; set; }
    /// <summary>For a tenant meter, the account it draws on.</summary>
    public int? AccountId { get; set; }
    /// <summary>The price plan; null for meters that are not billed (main incomers).</summary>
    public int? TariffId { get; set; }
    /// <summary>For a public-area meter, the load it supplies.</summary>
    public PublicLoadType? PublicLoad { get; set; }
    /// <summary>Floor and position, for the maintenance team.</summary>
    public string? Location { get; set; }
}
