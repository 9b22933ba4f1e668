namespace Prepaid.Acquisition.Polling;

/// <summary>What <see cref="AcquisitionEngine.ApplyConfigurationAsync"/> did, bus by bus.</summary>
/// <param name="Started">New buses.</param>
/// <param name="Stopped">Removed buses.</param>
/// <param name="Restarted">Buses whose connection settings changed.</param>
/// <param name="Updated">Buses kept running with a changed meter list.</param>
public sealed record ConfigurationChange(IReadOnlyList<BusKey> Started, IReadOnlyList<BusKey> Stopped, IReadOnlyList<BusKey> Restarted, IReadOnlyList<BusKey> Updated)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"started [{string.Join(", ", Started)}], stopped [{string.Join(", ", Stopped)}], restarted [{string.Join(", ", Restarted)}], updated [{string.Join(", ", Updated)}]";
}

/// <summary>A bus by its gateway: bus ids are unique only within their gateway in the configuration's terms.</summary>
/// <param name="GatewayId">The gateway.</param>
/// <param name="BusId">The bus.</param>
public readonly record struct BusKey(int GatewayId, int BusId)
{
    /// <summary>"gateway/bus", as logs and diagnostics show it.</summary>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{GatewayId}/{BusId}");
}
