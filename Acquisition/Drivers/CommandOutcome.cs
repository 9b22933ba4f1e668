namespace Prepaid.Acquisition.Drivers;

/// <summary>The result of <see cref="IMeterDriver.ExecuteAsync"/>.</summary>
/// <param name="Status">How the command ended.</param>
/// <param name="Detail">What happened, for operators and logs.</param>
public sealed record CommandOutcome(CommandStatus Status, string Detail)
{
    /// <summary>For a purchase: the intent that was persisted (null if the delivery stopped before).</summary>
    public PurchaseIntent? Purchase { get; init; }

    /// <summary>For a purchase: the last read-back.</summary>
    public PurchaseCheck? Check { get; init; }

    /// <summary>True when confirmed.</summary>
    public bool IsConfirmed => Status == CommandStatus.Confirmed;
}
