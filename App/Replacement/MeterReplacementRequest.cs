namespace Prepaid.App.Replacement;

/// <summary>What the operator enters for a swap. Readings are the devices' displayed registers.</summary>
/// <param name="OldRemainingYuan">Meter billing only: the old meter's remaining amount (negative while in overdraft).</param>
public sealed record MeterReplacementRequest(
    int MeterId,
    decimal OldFinalReading,
    string NewSerialNumber,
    int NewUnitId,
    decimal NewInitialReading,
    decimal? OldRemainingYuan,
    string Reason);

/// <summary>A request that breaks a rule; <see cref="Code"/> names the field for the form.</summary>
public sealed class MeterReplacementException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
