namespace Prepaid.Domain.Model;

/// <summary>Control actions on a meter; each is confirmed by reading the meter back.</summary>
public enum MeterCommandKind
{
    /// <summary>Open the relay (forced trip).</summary>
    Trip = 0,
    /// <summary>Close the relay.</summary>
    Close = 1,
    /// <summary>Forced close that overrides every automatic trip (保电).</summary>
    KeepPower = 2,
    /// <summary>Release forced control: the meter returns to automatic prepaid control.</summary>
    Release = 3,
    /// <summary>Write prices, alarm amounts and overdraft.</summary>
    PushPrices = 4,
    /// <summary>Write the power limit and its duration.</summary>
    PushPowerLimit = 5,
    /// <summary>Deliver a purchase with the purchase-count protocol.</summary>
    DeliverPurchase = 6,
    /// <summary>Open a water valve.</summary>
    OpenValve = 7,
    /// <summary>Close a water valve.</summary>
    CloseValve = 8,
}

/// <summary>Journal states of a command.</summary>
public enum MeterCommandState
{
    /// <summary>Asked for, not yet sent.</summary>
    Requested = 0,
    /// <summary>Written to the meter, waiting for read-back.</summary>
    Sent = 1,
    /// <summary>The read-back shows the commanded state.</summary>
    Confirmed = 2,
    /// <summary>Gave up after retries.</summary>
    Failed = 3,
    /// <summary>The meter answered that it will not do it (for example close after an arrears trip).</summary>
    Refused = 4,
}

/// <summary>A control command with who or what asked and why.</summary>
public sealed class MeterCommand
{
    /// <summary>Primary key.</summary>
    public long Id { get; set; }
    /// <summary>The meter commanded.</summary>
    public int MeterId { get; set; }
    /// <summary>The action.</summary>
    public MeterCommandKind Kind { get; set; }
    /// <summary>Journal state.</summary>
    public MeterCommandState State { get; set; }
    /// <summary>Parameters of the action as JSON (prices, amount and purchase count ...), if any.</summary>
    public string? PayloadJson { get; set; }
    /// <summary>When it was asked for.</summary>
    public DateTimeOffset RequestedAt { get; set; }
    /// <summary>The operator's user name, or the policy or job that asked.</summary>
    public required string RequestedBy { get; set; }
    /// <summary>Why.</summary>
    public required string Reason { get; set; }
    /// <summary>How many times it was written.</summary>
    public int Attempts { get; set; }
    /// <summary>When it reached Confirmed, Failed or Refused.</summary>
    public DateTimeOffset? CompletedAt { get; set; }
    /// <summary>Why it failed or was refused.</summary>
    public string? Error { get; set; }
}
