namespace Prepaid.Domain.Model;

/// <summary>What kind of object an alarm or event is about.</summary>
public enum AlarmSourceKind
{
    /// <summary>The whole site.</summary>
    Site = 0,
    /// <summary>A gateway.</summary>
    Gateway = 1,
    /// <summary>A serial bus.</summary>
    Bus = 2,
    /// <summary>A meter.</summary>
    Meter = 3,
}

/// <summary>The abnormal condition an alarm reports.</summary>
public enum AlarmCondition
{
    /// <summary>No valid answer within the configured time.</summary>
    CommunicationLost = 0,
    /// <summary>The meter tripped for power above its limit.</summary>
    OverPowerTrip = 1,
    /// <summary>A control command failed or was refused.</summary>
    CommandFailed = 2,
    /// <summary>The meter reports its fault bit.</summary>
    MeterFault = 3,
    /// <summary>A negative or absurd energy delta that was not billed.</summary>
    AbsurdEnergyDelta = 4,
    /// <summary>The meter and the platform disagree at reconciliation.</summary>
    ReconciliationDiscrepancy = 5,
    /// <summary>Main incomer energy minus sub-meters above the threshold.</summary>
    IncomerLoss = 6,
}

/// <summary>Alarm priority; about 80/15/5 % low/medium/high on a healthy site.</summary>
public enum AlarmPriority
{
    /// <summary>Low.</summary>
    Low = 0,
    /// <summary>Medium.</summary>
    Medium = 1,
    /// <summary>High.</summary>
    High = 2,
}

/// <summary>ISA-18.2 / IEC 62682 alarm states (Domain/Alarms/README.md, "States").</summary>
public enum AlarmState
{
    /// <summary>Not in alarm.</summary>
    Normal = 0,
    /// <summary>Active and not yet acknowledged.</summary>
    ActiveUnacknowledged = 1,
    /// <summary>Active and acknowledged.</summary>
    ActiveAcknowledged = 2,
    /// <summary>Condition cleared, still waiting for acknowledgement.</summary>
    ReturnedUnacknowledged = 3,
    /// <summary>Stays until an operator resets it.</summary>
    Latched = 4,
    /// <summary>Hidden by an operator for a limited time, with a reason.</summary>
    Shelved = 5,
    /// <summary>Suppressed by design, for example behind a lost gateway.</summary>
    Suppressed = 6,
    /// <summary>Taken out of service for maintenance.</summary>
    OutOfService = 7,
}

/// <summary>
/// One alarm: a condition on a source (one row per source and condition; successive activations reuse it). The
/// columns hold the whole <see cref="Alarms.AlarmStatus"/> so that the engine resumes after a restart; every
/// transition is in <see cref="AlarmJournalEntry"/>.
/// </summary>
public sealed class Alarm
{
    /// <summary>Primary key.</summary>
    public long Id { get; set; }
    /// <summary>The site.</summary>
    public int SiteId { get; set; }
    /// <summary>Kind of object in alarm.</summary>
    public AlarmSourceKind SourceKind { get; set; }
    /// <summary>Id of the object in alarm, within its kind.</summary>
    public int SourceId { get; set; }
    /// <summary>The abnormal condition.</summary>
    public AlarmCondition Condition { get; set; }
    /// <summary>Priority.</summary>
    public AlarmPriority Priority { get; set; }
    /// <summary>Current state.</summary>
    public AlarmState State { get; set; }
    /// <summary>Human-readable detail captured at activation.</summary>
    public string? Message { get; set; }
    /// <summary>When the condition became active.</summary>
    public DateTimeOffset ActivatedAt { get; set; }
    /// <summary>When the condition cleared, if it has.</summary>
    public DateTimeOffset? ReturnedAt { get; set; }
    /// <summary>When an operator acknowledged it.</summary>
    public DateTimeOffset? AcknowledgedAt { get; set; }
    /// <summary>Who acknowledged it.</summary>
    public string? AcknowledgedBy { get; set; }
    /// <summary>True for a latching alarm (stays latched after its condition clears until reset).</summary>
    public bool Latching { get; set; }
    /// <summary>The filtered process condition is active.</summary>
    public bool ConditionActive { get; set; }
    /// <summary>The current activation has not been acknowledged.</summary>
    public bool Unacknowledged { get; set; }
    /// <summary>A latching alarm whose condition cleared and that waits for a reset.</summary>
    public bool LatchPending { get; set; }
    /// <summary>Who shelved it, while shelved.</summary>
    public string? ShelvedBy { get; set; }
    /// <summary>Why it is shelved, while shelved.</summary>
    public string? ShelveReason { get; set; }
    /// <summary>When the shelf expires; set exactly while shelved.</summary>
    public DateTimeOffset? ShelvedUntil { get; set; }
    /// <summary>The suppressing source (for example <c>Gateway/3</c>) while suppressed by design.</summary>
    public string? SuppressedBy { get; set; }
    /// <summary>The maintenance permit while out of service.</summary>
    public string? OutOfServicePermit { get; set; }
    /// <summary>Who removed it from service.</summary>
    public string? OutOfServiceBy { get; set; }
    /// <summary>Time of the last journaled transition.</summary>
    public DateTimeOffset? LastEventAt { get; set; }
    /// <summary>Number of journal entries so far.</summary>
    public long Sequence { get; set; }
    /// <summary>When the alarm was last seen chattering (3 or more condition transitions within a minute).</summary>
    public DateTimeOffset? LastChatterAt { get; set; }
}
