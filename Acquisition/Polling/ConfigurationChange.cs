namespace Prepaid.Acquisition.Polling;

/// <summary>What <see cref="AcquisitionEngine.ApplyConfigurationAsync"/> did, by "gateway/bus".</summary>
/// <param name="Started">New buses.</param>
/// <param name="Stopped">Removed buses.</param>
/// <param name="Restarted">Buses whose connection settings changed.</param>
/// <param name="Updated">Buses kept running with a changed meter list.</param>
public sealed record ConfigurationChange(IReadOnlyList<string> Started, IReadOnlyList<string> Stopped, IReadOnlyList<string> Restarted, IReadOnlyList<string> Updated)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"started [{string.Join(", ", Started)}], stopped [{string.Join(", ", Stopped)}], restarted [{string.Join(", ", Restarted)}], updated [{string.Join(", ", Updated)}]";
}
