namespace Prepaid.Domain.Model;

/// <summary>
/// Quality of a value (Domain/README.md): bills use only good values. The one quality of the system: a driver's
/// reading is good, invalid or comm-lost; stored live states keep that; screens judge stale from the age of the last good
/// value (Acquisition's <c>MeterStatus.QualityAt</c>). Stored as its number: never renumber.
/// </summary>
public enum ValueQuality
{
    /// <summary>Read successfully and recently.</summary>
    Good = 0,
    /// <summary>The last good value is older than the stale threshold.</summary>
    Stale = 1,
    /// <summary>The meter does not answer.</summary>
    CommLost = 2,
    /// <summary>The meter answered something that cannot be trusted.</summary>
    Invalid = 3,
}

/// <summary>
/// The latest known state of one meter, one row per meter, updated by the reading processor. Counters here
/// (total and per-rate energy, volume) are the baseline the next reading's deltas are measured from.
/// </summary>
public sealed class MeterLiveState
{
    /// <summary>The meter; also the primary key.</summary>
    public int MeterId { get; set; }
    /// <summary>Quality of the last reading attempt.</summary>
    public ValueQuality Quality { get; set; }
    /// <summary>When the last attempt was made.</summary>
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>Source time of the last good reading, or null before the first.</summary>
    public DateTimeOffset? LastGoodAt { get; set; }
    /// <summary>Why the last attempt failed, if it did.</summary>
    public string? LastError { get; set; }
    /// <summary>Total active power in kW, primary side.</summary>
    public decimal? PowerKw { get; set; }
    /// <summary>Total active energy in kWh, primary side (register x CT x PT).</summary>
    public decimal? EnergyKwh { get; set; }
    /// <summary>Sharp (尖) energy in kWh, primary side.</summary>
    public decimal? SharpKwh { get; set; }
    /// <summary>Peak (峰) energy in kWh, primary side.</summary>
    public decimal? PeakKwh { get; set; }
    /// <summary>Flat (平) energy in kWh, primary side.</summary>
    public decimal? FlatKwh { get; set; }
    /// <summary>Valley (谷) energy in kWh, primary side.</summary>
    public decimal? ValleyKwh { get; set; }
    /// <summary>Cumulative volume of a water meter in m3.</summary>
    public decimal? VolumeM3 { get; set; }
    /// <summary>The balance the meter holds (internal control), in yuan.</summary>
    public decimal? RemainingYuan { get; set; }
    /// <summary>The meter's purchase count.</summary>
    public int? PurchaseCount { get; set; }
    /// <summary>Relay of loop 1 closed; for water meters, the valve open.</summary>
    public bool? SupplyOn { get; set; }
    /// <summary>Status flags as the driver decoded them (bit set of the driver's flags).</summary>
    public int StatusFlags { get; set; }
}

/// <summary>Energy (or volume) consumed by a meter in one 15-minute interval, in total and per TOU register.</summary>
public sealed class IntervalEnergy
{
    /// <summary>Primary key.</summary>
    public long Id { get; set; }
    /// <summary>The meter.</summary>
    public int MeterId { get; set; }
    /// <summary>UTC start of the interval (a multiple of 15 minutes).</summary>
    public DateTimeOffset IntervalStart { get; set; }
    /// <summary>Total consumption in the interval (kWh or m3).</summary>
    public decimal Total { get; set; }
    /// <summary>Consumption on the sharp register.</summary>
    public decimal Sharp { get; set; }
    /// <summary>Consumption on the peak register.</summary>
    public decimal Peak { get; set; }
    /// <summary>Consumption on the flat register.</summary>
    public decimal Flat { get; set; }
    /// <summary>Consumption on the valley register.</summary>
    public decimal Valley { get; set; }
}

/// <summary>A register frozen at a site-local midnight (daily) or at midnight on the 1st (monthly).</summary>
public sealed class FreezeReading
{
    /// <summary>Primary key.</summary>
    public long Id { get; set; }
    /// <summary>The meter.</summary>
    public int MeterId { get; set; }
    /// <summary>Daily or monthly.</summary>
    public Metering.FreezeKind Kind { get; set; }
    /// <summary>The site-local day (or first day of the month) that starts at the freeze.</summary>
    public DateOnly Period { get; set; }
    /// <summary>The instant of the freeze.</summary>
    public DateTimeOffset At { get; set; }
    /// <summary>The cumulative value (kWh or m3) at the freeze.</summary>
    public decimal Value { get; set; }
}

/// <summary>Things the acquisition noticed that an operator may need to act on.</summary>
public enum MeterEventKind
{
    /// <summary>A meter stopped answering.</summary>
    MeterLost = 0,
    /// <summary>A lost meter answers again.</summary>
    MeterRecovered = 1,
    /// <summary>A whole bus stopped answering.</summary>
    BusLost = 2,
    /// <summary>A lost bus answers again.</summary>
    BusRecovered = 3,
    /// <summary>A gateway stopped answering on every bus (its meters' events are suppressed).</summary>
    GatewayLost = 4,
    /// <summary>A lost gateway answers again.</summary>
    GatewayRecovered = 5,
    /// <summary>An energy or volume register went backwards; nothing was billed.</summary>
    NegativeDelta = 6,
    /// <summary>A register jumped beyond what the meter can measure; nothing was billed.</summary>
    AbsurdDelta = 7,
}

/// <summary>An acquisition event, stored for the alarm engine and the communication-fault report.</summary>
public sealed class MeterEvent
{
    /// <summary>Primary key.</summary>
    public long Id { get; set; }
    /// <summary>When it happened.</summary>
    public DateTimeOffset At { get; set; }
    /// <summary>Kind of source.</summary>
    public AlarmSourceKind SourceKind { get; set; }
    /// <summary>Id of the meter, bus or gateway.</summary>
    public int SourceId { get; set; }
    /// <summary>What happened.</summary>
    public MeterEventKind Kind { get; set; }
    /// <summary>Values that explain it (previous and new register, implied power ...).</summary>
    public string? Detail { get; set; }
}
