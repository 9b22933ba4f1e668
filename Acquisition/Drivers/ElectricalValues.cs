using Prepaid.Domain.Tariffs;

namespace Prepaid.Acquisition.Drivers;

/// <summary>
/// Electrical values of one reading, on the primary side: voltages x PT, currents x CT, powers and energies x
/// CT x PT (all ratios are 1 on direct-connected meters). Per-phase lists have one entry per measured phase.
/// </summary>
public sealed record ElectricalValues
{
    /// <summary>Phase voltages in V.</summary>
    public required IReadOnlyList<decimal> VoltagesV { get; init; }

    /// <summary>Phase currents in A.</summary>
    public required IReadOnlyList<decimal> CurrentsA { get; init; }

    /// <summary>Phase active powers in kW.</summary>
    public required IReadOnlyList<decimal> ActivePowersKw { get; init; }

    /// <summary>Total active power in kW.</summary>
    public required decimal TotalActivePowerKw { get; init; }

    /// <summary>Total reactive power in kvar.</summary>
    public required decimal TotalReactivePowerKvar { get; init; }

    /// <summary>Phase power factors.</summary>
    public required IReadOnlyList<decimal> PowerFactors { get; init; }

    /// <summary>Total power factor.</summary>
    public required decimal TotalPowerFactor { get; init; }

    /// <summary>PT ratio the meter reports.</summary>
    public required int PtRatio { get; init; }

    /// <summary>CT ratio the meter reports.</summary>
    public required int CtRatio { get; init; }

    /// <summary>Total active energy in kWh (primary side).</summary>
    public required decimal TotalEnergyKwh { get; init; }

    /// <summary>Energy per TOU rate in kWh (primary side): sharp, peak, flat, valley.</summary>
    public required IReadOnlyDictionary<TouRate, decimal> EnergyByRateKwh { get; init; }

    /// <summary>Total active energy as the register holds it (secondary side), in kWh.</summary>
    public required decimal RegisterEnergyKwh { get; init; }

    /// <summary>Over-power trips counted by the meter.</summary>
    public required int OverPowerTripCount { get; init; }

    /// <summary>Meter clock as it reports it (no zone), or null when the bytes are not a valid date.</summary>
    public DateTime? MeterClock { get; init; }
}
