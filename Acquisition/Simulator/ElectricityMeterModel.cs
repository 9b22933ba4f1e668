using Prepaid.Acquisition.Drivers;
using Prepaid.Domain.Tariffs;

namespace Prepaid.Acquisition.Simulator;

/// <summary>
/// The behaviour of a simulated electricity meter under internal control: energy accumulates from the demand
/// while the relay is closed, booked to the TOU rate in force and deducted at the meter's own price; the alarm
/// ladder, forced control and the power limit decide the relay. Time advances only through <see cref="Advance"/>.
/// Not thread-safe: <see cref="SimulatedElectricityMeter"/> serialises access.
/// </summary>
public sealed class ElectricityMeterModel
{
    private static readonly TimeSpan MaxStep = TimeSpan.FromMinutes(1);
    private readonly decimal[] _energyTicks = new decimal[4];
    private readonly TouClock _tou;
    private DateTimeOffset _time;
    private DateTimeOffset? _overLimitSince;

    /// <summary>Creates the model at <paramref name="start"/>.</summary>
    public ElectricityMeterModel(SimulatedMeterSettings settings, DateTimeOffset start)
    {
        Settings = settings ?? throw new ArgumentNullException(nameof(settings));
        Spec = MeterProfileSpec.For(settings.Profile);
        Balance = new PrepaidBalance(settings);
        Prices = settings.Prices;
        PrepaidEnabled = Spec.HasPrepaid && settings.InternalControl;
        if (settings.InitialEnergyByRate is { Count: 4 } byRate)
        {
            for (var i = 0; i < 4; i++)
            {
                _energyTicks[i] = byRate[i] * TimeSpan.TicksPerHour;
            }
        }
        else
        {
            _energyTicks[(int)TouRate.Flat] = settings.InitialEnergy * TimeSpan.TicksPerHour;
        }
        _tou = new TouClock(settings.Tou, settings.TimeZone);
        _time = start;
        Forced = settings.InitialForcedControl;
        if (Spec.HasPrepaid && settings.PowerLimitKw is { } limit)
        {
            SetPowerLimit(true, limit, settings.PowerLimitSeconds);
        }
    }

    /// <summary>The settings the meter started with.</summary>
    public SimulatedMeterSettings Settings { get; }

    /// <summary>The profile's capabilities.</summary>
    public MeterProfileSpec Spec { get; }

    /// <summary>Balance and purchases.</summary>
    public PrepaidBalance Balance { get; }

    /// <summary>The meter's prices.</summary>
    public MeterPrices Prices { get; set; }

    /// <summary>Prepaid (fee) control on.</summary>
    public bool PrepaidEnabled { get; set; }

    /// <summary>Forced control.</summary>
    public ForcedControl Forced { get; set; }

    /// <summary>Demand of the load in kW (primary side); drawn only while the relay is closed.</summary>
    public decimal DemandKw { get; set; }

    /// <summary>Power limit on.</summary>
    public bool PowerLimitEnabled { get; private set; }

    /// <summary>Power limit in kW.</summary>
    public decimal PowerLimitKw { get; private set; }

    /// <summary>Seconds above the limit before the trip.</summary>
    public int PowerLimitSeconds { get; private set; }

    /// <summary>Tripped by the power limit; cleared by a release command or a new power limit.</summary>
    public bool OverPowerTripped { get; private set; }

    /// <summary>Over-power trips so far.</summary>
    public int OverPowerTripCount { get; private set; }

    /// <summary>The simulated instant the model has reached.</summary>
    public DateTimeOffset Time => _time;

    /// <summary>Site-local time of <see cref="Time"/> (the meter clock).</summary>
    public DateTime LocalTime => _tou.LocalTime(_time);

    /// <summary>Energy per rate in kWh (primary side), register order sharp, peak, flat, valley.</summary>
    public IReadOnlyList<decimal> EnergyByRateKwh => [.. _energyTicks.Select(t => t / TimeSpan.TicksPerHour)];

    /// <summary>Total energy in kWh (primary side).</summary>
    public decimal TotalEnergyKwh => _energyTicks.Sum() / TimeSpan.TicksPerHour;

    /// <summary>True when the relay is closed.</summary>
    public bool RelayClosed => Spec.Loops == 0 || Forced switch
    {
        ForcedControl.KeepPower => true,
        ForcedControl.Trip => false,
        _ => !OverPowerTripped && (!PrepaidEnabled || Balance.AllowsSupply),
    };

    /// <summary>Active power measured now in kW (zero while the relay is open).</summary>
    public decimal PowerKw => RelayClosed ? DemandKw : 0m;

    /// <summary>Over the power limit right now.</summary>
    public bool OverPower => PowerLimitEnabled && PowerKw > PowerLimitKw;

    /// <summary>Status flags as the status words report them.</summary>
    public MeterStatusFlags Flags
    {
        get
        {
            var flags = MeterStatusFlags.None;
            if (PrepaidEnabled)
            {
                flags |= MeterStatusFlags.PrepaidEnabled;
                flags |= Balance.InArrears ? MeterStatusFlags.Arrears : MeterStatusFlags.None;
                flags |= Balance.Alarm1 ? MeterStatusFlags.Alarm1 : MeterStatusFlags.None;
                flags |= Balance.Alarm2 ? MeterStatusFlags.Alarm2 : MeterStatusFlags.None;
            }

            flags |= OverPower || OverPowerTripped ? MeterStatusFlags.OverPower : MeterStatusFlags.None;
            flags |= PowerLimitEnabled ? MeterStatusFlags.PowerControl : MeterStatusFlags.None;
            flags |= Forced != ForcedControl.None ? MeterStatusFlags.ForcedControl : MeterStatusFlags.None;
            return flags;
        }
    }

    /// <summary>Moves simulated time to <paramref name="now"/>, accumulating energy and cost minute by minute.</summary>
    public void Advance(DateTimeOffset now)
    {
        TrackPowerLimit();
        while (_time < now)
        {
            // Steps end on whole minutes, where TOU segments start, so each step has one rate; and where a
            // running power-limit delay expires, so the trip happens on time.
            var toMinute = MaxStep - TimeSpan.FromTicks(_time.UtcTicks % MaxStep.Ticks);
            var step = now - _time < toMinute ? now - _time : toMinute;
            if (_overLimitSince is { } since && since + TimeSpan.FromSeconds(PowerLimitSeconds) - _time is { } toTrip && toTrip > TimeSpan.Zero && toTrip < step)
            {
                step = toTrip;
            }

            var power = PowerKw;
            if (power > 0)
            {
                var rate = _tou.RateAt(_time);
                // Energy is kept in kW x ticks, exact; kWh = that / ticks per hour.
                var kwTicks = power * step.Ticks;
                _energyTicks[(int)rate] += kwTicks;
                if (PrepaidEnabled)
                {
                    Balance.Deduct(kwTicks, Prices.Of(rate));
                }
            }

            _time += step;
            TrackPowerLimit();
        }
    }

    /// <summary>Sets the power limit; clears an over-power trip.</summary>
    public void SetPowerLimit(bool enabled, decimal limitKw, int seconds)
    {
        PowerLimitEnabled = enabled;
        PowerLimitKw = limitKw;
        PowerLimitSeconds = seconds;
        OverPowerTripped = false;
        _overLimitSince = null;
    }

    /// <summary>Forced control on or off; releasing also clears an over-power trip, as an operator's reset would.</summary>
    public void Control(ForcedControl forced)
    {
        Forced = forced;
        if (forced == ForcedControl.None)
        {
            OverPowerTripped = false;
            _overLimitSince = null;
        }
    }

    /// <summary>True when a remote close must be refused (arrears, on meters configured so).</summary>
    public bool RefusesRemoteClose => Settings.RefuseRemoteCloseInArrears && PrepaidEnabled && Balance.InArrears;

    private void TrackPowerLimit()
    {
        if (!OverPower || Forced == ForcedControl.KeepPower)
        {
            _overLimitSince = null;
            return;
        }

        _overLimitSince ??= _time;
        if (_time - _overLimitSince >= TimeSpan.FromSeconds(PowerLimitSeconds))
        {
            OverPowerTripped = true;
            OverPowerTripCount++;
            _overLimitSince = null;
        }
    }
}
