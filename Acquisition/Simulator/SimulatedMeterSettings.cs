using Prepaid.Acquisition.Drivers;
using Prepaid.Domain.Model;
using Prepaid.Domain.Tariffs;

namespace Prepaid.Acquisition.Simulator;

/// <summary>How a simulated meter starts: profile, ratios, balance, prices, alarm ladder and TOU schedule.</summary>
public sealed record SimulatedMeterSettings
{
    /// <summary>Register map and capabilities.</summary>
    public required MeterProfile Profile { get; init; }

    /// <summary>CT ratio (main incomers: 200 to 2000).</summary>
    public int CtRatio { get; init; } = 1;

    /// <summary>PT ratio.</summary>
    public int PtRatio { get; init; } = 1;

    /// <summary>
    /// Internal control (内控): the meter deducts at its own prices and trips by itself. False for platform billing
    /// (外控): prepaid function off, no deduction, the relay (or valve) follows commands only.
    /// </summary>
    public bool InternalControl { get; init; } = true;

    /// <summary>Remaining amount at start, in yuan.</summary>
    public decimal InitialBalance { get; init; }

    /// <summary>Purchase count at start.</summary>
    public int InitialPurchaseCount { get; init; }

    /// <summary>Total energy (electricity, kWh primary) or volume (water, m3) at start, booked to the flat rate.</summary>
    public decimal InitialEnergy { get; init; }

    /// <summary>Initial energy per TOU register (sharp, peak, flat, valley) in kWh; when set it replaces
    /// <see cref="InitialEnergy"/>, so a restarted meter continues every register where it stopped.</summary>
    public IReadOnlyList<decimal>? InitialEnergyByRate { get; init; }

    /// <summary>The meter's own prices (water uses <see cref="MeterPrices.Flat"/>).</summary>
    public MeterPrices Prices { get; init; } = new(1.38m, 1.15m, 0.75m, 0.35m);

    /// <summary>
    /// Forced control at start (electricity): a restarted meter keeps the forced trip or keep power it was under, as a
    /// real meter keeps it in its memory through a power cycle.
    /// </summary>
    public ForcedControl InitialForcedControl { get; init; }

    /// <summary>Valve closed by command at start (water), kept through a restart like <see cref="InitialForcedControl"/>.</summary>
    public bool InitialValveClosedByCommand { get; init; }

    /// <summary>Alarm amount 1 in yuan.</summary>
    public decimal AlarmAmount1 { get; init; } = 100m;

    /// <summary>Alarm amount 2 in yuan (warning trip).</summary>
    public decimal AlarmAmount2 { get; init; } = 30m;

    /// <summary>Overdraft limit in yuan (0: trip at zero with no local re-close).</summary>
    public decimal OverdraftLimit { get; init; }

    /// <summary>Hoarding limit in yuan: a purchase that would take the balance above it is refused. Null: no limit.</summary>
    public decimal? HoardingLimit { get; init; }

    /// <summary>Power limit in force at start (prepaid electricity profiles), in kW; null: off.</summary>
    public decimal? PowerLimitKw { get; init; }

    /// <summary>Seconds above <see cref="PowerLimitKw"/> before the trip.</summary>
    public int PowerLimitSeconds { get; init; } = 60;

    /// <summary>TOU schedule that books energy to the four rate registers; null books everything to flat.</summary>
    public TouSchedule? Tou { get; init; }

    /// <summary>The site's zone, for TOU periods and the meter clock.</summary>
    public TimeZoneInfo TimeZone { get; init; } = SiteTimeZone.FixedChinaStandardTime;

    /// <summary>Refuse a remote close (keep power) while in arrears, as some meters do.</summary>
    public bool RefuseRemoteCloseInArrears { get; init; }

    /// <summary>Phase voltage in V.</summary>
    public decimal VoltageV { get; init; } = 220m;

    /// <summary>Power factor of the load.</summary>
    public decimal PowerFactor { get; init; } = 0.95m;

    /// <summary>Prices from a plan (see <see cref="MeterPrices.FromPlan"/>) and its TOU schedule.</summary>
    public SimulatedMeterSettings WithPlan(TariffPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return this with { Prices = MeterPrices.FromPlan(plan), Tou = plan.Tou };
    }
}
