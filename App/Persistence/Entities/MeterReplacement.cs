namespace Prepaid.App.Persistence.Entities;

/// <summary>
/// A meter swap in the asset register (DL/T 448): the same metering point (<see cref="MeterId"/>, its account,
/// tariff and history) gets a new device. Readings are register values as the devices display them; the baseline
/// carried is register x CT x PT. Never edited.
/// </summary>
public sealed class MeterReplacement
{
    public long Id { get; set; }
    public int MeterId { get; set; }
    public DateTimeOffset ReplacedAt { get; set; }
    public required string ReplacedBy { get; set; }
    public required string Reason { get; set; }
    public required string OldSerialNumber { get; set; }
    public int OldUnitId { get; set; }
    /// <summary>The old device's register at removal (kWh, or m3 for water).</summary>
    public decimal OldFinalReading { get; set; }
    /// <summary>Consumption from the last accepted reading to the final reading, primary side; counted as usage.</summary>
    public decimal FinalConsumption { get; set; }
    public required string NewSerialNumber { get; set; }
    public int NewUnitId { get; set; }
    /// <summary>The new device's register at installation; the next delta is measured from it.</summary>
    public decimal NewInitialReading { get; set; }
    /// <summary>Under meter billing, the old device's remaining amount (yuan) carried to the new one; null otherwise.</summary>
    public decimal? CarriedBalance { get; set; }
}

/// <summary>State of a balance transfer to a replacement meter.</summary>
public enum BalanceTransferState
{
    /// <summary>Waiting for the purchase delivery to load it into the new meter.</summary>
    Pending = 0,
    /// <summary>Loaded and confirmed by read-back (the delivering command is named).</summary>
    Delivered = 1,
    /// <summary>The delivery gave up; an operator must act (the money is still owed to the meter).</summary>
    Failed = 2,
}

/// <summary>
/// Under meter billing, the old meter's remaining amount must be loaded into the new meter with the purchase-count
/// protocol. Ledger-neutral: the money was already in the ledger when it was recharged, it only moves device.
/// Created by the replacement; delivered by the billing delivery, which sets <see cref="State"/>,
/// <see cref="CompletedAt"/> and <see cref="MeterCommandId"/>. A negative amount is an overdraft used on the old
/// meter: the delivery deducts it from the next purchase to this meter instead of loading anything.
/// </summary>
public sealed class PendingBalanceTransfer
{
    public long Id { get; set; }
    public long ReplacementId { get; set; }
    public int MeterId { get; set; }
    public int? AccountId { get; set; }
    /// <summary>Yuan, whole fen (the meters' resolution).</summary>
    public decimal Amount { get; set; }
    /// <summary><c>meter-replacement:{replacementId}</c>: one delivery per transfer, whatever retries happen.</summary>
    public required string IdempotencyKey { get; set; }
    public BalanceTransferState State { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public long? MeterCommandId { get; set; }
    public string? Error { get; set; }
}
