namespace Prepaid.Acquisition.Drivers;

/// <summary>Step 1 of a delivery: the meter's purchase count and remaining amount, or why they are unknown.</summary>
/// <param name="Count">Current purchase count N, or null when the meter could not be read.</param>
/// <param name="Remaining">Remaining amount in yuan, or null.</param>
/// <param name="Error">Why the probe failed.</param>
public sealed record PurchaseProbe(int? Count, decimal? Remaining, string? Error = null)
{
    /// <summary>The intent of delivering <paramref name="amount"/> after this probe: expect count N+1 (16-bit wrap).</summary>
    public PurchaseIntent IntentFor(decimal amount) =>
        Count is { } n
            ? new PurchaseIntent((n + 1) & 0xFFFF, amount, Remaining ?? 0m)
            : throw new InvalidOperationException($"The purchase count is unknown: {Error}");
}

/// <summary>What the platform persists before writing a purchase ("delivering, expect count N+1").</summary>
/// <param name="ExpectedCount">The count the meter shows once the purchase is applied.</param>
/// <param name="Amount">Amount in yuan.</param>
/// <param name="RemainingBefore">Remaining amount seen at the probe, in yuan.</param>
public sealed record PurchaseIntent(int ExpectedCount, decimal Amount, decimal RemainingBefore)
{
    /// <summary>The count before the purchase.</summary>
    public int PreviousCount => (ExpectedCount + 0xFFFF) & 0xFFFF;
}

/// <summary>How a purchase write went.</summary>
public enum PurchaseWriteStatus
{
    /// <summary>The meter acknowledged the write.</summary>
    Acknowledged,

    /// <summary>No answer: the purchase may or may not be applied; read back before anything else.</summary>
    NoAnswer,

    /// <summary>The meter answered with an exception (wrong count, hoarding limit...).</summary>
    Rejected,
}

/// <summary>The result of a purchase write.</summary>
/// <param name="Status">How the write went.</param>
/// <param name="Detail">What happened.</param>
public sealed record PurchaseWrite(PurchaseWriteStatus Status, string Detail);

/// <summary>Where a purchase stands after a read-back.</summary>
public enum PurchaseState
{
    /// <summary>Count is N+1: applied, never resend.</summary>
    Delivered,

    /// <summary>Count is still N: not applied, safe to write again.</summary>
    NotApplied,

    /// <summary>The meter could not be read: resolve later.</summary>
    Unknown,

    /// <summary>Count is neither N nor N+1 (another purchase or a meter swap): needs an operator.</summary>
    CountMismatch,
}

/// <summary>Step 4 of a delivery: the read-back.</summary>
/// <param name="State">Where the purchase stands.</param>
/// <param name="Count">The count read, or null.</param>
/// <param name="Remaining">The remaining amount read in yuan, or null.</param>
/// <param name="Detail">What was seen.</param>
public sealed record PurchaseCheck(PurchaseState State, int? Count, decimal? Remaining, string Detail);
