namespace Prepaid.Acquisition.Drivers;

/// <summary>
/// Reads and commands one meter. Protocol-neutral: a Modbus driver exists, a DL/T 645 one can follow. Drivers
/// never throw for communication faults: readings carry a quality and commands an outcome. The purchase steps
/// are exposed one by one so the caller can persist between them (the purchase-count protocol, Domain/Billing/README.md).
/// </summary>
public interface IMeterDriver
{
    /// <summary>The capabilities of the meter's profile.</summary>
    MeterProfileSpec Spec { get; }

    /// <summary>Reads the meter's live values and status.</summary>
    Task<MeterReading> ReadAsync(CancellationToken cancellationToken);

    /// <summary>Executes a command and confirms it by reading the meter back.</summary>
    Task<CommandOutcome> ExecuteAsync(MeterCommandRequest request, CancellationToken cancellationToken);

    /// <summary>Reads the prepaid parameters, or returns null when the profile has none or the read failed.</summary>
    Task<PrepaidParameters?> ReadParametersAsync(CancellationToken cancellationToken);

    /// <summary>Purchase step 1: reads the count N and the remaining amount.</summary>
    Task<PurchaseProbe> ProbePurchaseAsync(CancellationToken cancellationToken);

    /// <summary>Purchase step 3: writes the purchase with count <see cref="PurchaseIntent.ExpectedCount"/>.</summary>
    Task<PurchaseWrite> WritePurchaseAsync(PurchaseIntent intent, CancellationToken cancellationToken);

    /// <summary>Purchase step 4 (and recovery after a restart): reads back and classifies the purchase.</summary>
    Task<PurchaseCheck> CheckPurchaseAsync(PurchaseIntent intent, CancellationToken cancellationToken);
}
