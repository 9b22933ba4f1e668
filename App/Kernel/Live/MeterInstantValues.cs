using System.Collections.Concurrent;
using Prepaid.Acquisition.Drivers;
using Prepaid.App.Kernel.Contracts;
namespace Prepaid.App.Kernel.Live;

/// <summary>A meter's instantaneous electrical values from its last good reading (primary side).</summary>
public sealed record InstantValues(
    DateTimeOffset At,
    IReadOnlyList<decimal> VoltagesV,
    IReadOnlyList<decimal> CurrentsA,
    decimal PowerKw,
    decimal ReactiveKvar,
    decimal PowerFactor);

/// <summary>
/// Voltages, currents and power factor of every meter's last good reading, in memory only: they are instantaneous
/// values a detail page shows, not stored history. Empty for a meter until its first reading after a start.
/// </summary>
public sealed class MeterInstantValues
{
    private readonly ConcurrentDictionary<int, InstantValues> _values = new();

    public InstantValues? Get(int meterId) => _values.GetValueOrDefault(meterId);

    public void Apply(IEnumerable<AcquiredReading> readings)
    {
        foreach (var (meterId, reading) in readings)
        {
            if (reading.IsGood && reading.Electrical is { } e)
            {
                _values[meterId] = new InstantValues(reading.SourceTime, e.VoltagesV, e.CurrentsA, e.TotalActivePowerKw, e.TotalReactivePowerKvar, e.TotalPowerFactor);
            }
        }
    }
}
