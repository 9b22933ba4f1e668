namespace Prepaid.Acquisition.Simulator;

/// <summary>
/// The behaviour of a simulated prepaid water meter: volume accumulates from the flow while the valve is open,
/// deducted at the meter's price (<see cref="Drivers.MeterPrices.Flat"/>); the valve closes when the amount is
/// used up or on command, and reopens once credit is present unless commanded closed.
/// </summary>
public sealed class WaterMeterModel
{
    private static readonly TimeSpan MaxStep = TimeSpan.FromMinutes(1);
    private DateTimeOffset _time;

    /// <summary>Creates the model at <paramref name="start"/>.</summary>
    public WaterMeterModel(SimulatedMeterSettings settings, DateTimeOffset start)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Balance = new PrepaidBalance(settings);
        Price = settings.Prices.Flat;
        InternalControl = settings.InternalControl;
        CommandedClosed = settings.InitialValveClosedByCommand;
        _volumeTicks = settings.InitialEnergy * TimeSpan.TicksPerHour;
        _time = start;
    }

    /// <summary>Balance and purchases.</summary>
    public PrepaidBalance Balance { get; }

    /// <summary>Yuan per m3.</summary>
    public decimal Price { get; set; }

    private decimal _volumeTicks;

    /// <summary>Cumulative volume in m3.</summary>
    public decimal VolumeM3 => _volumeTicks / TimeSpan.TicksPerHour;

    /// <summary>Demanded flow in m3/h; flows only while the valve is open.</summary>
    public decimal DemandM3PerHour { get; set; }

    /// <summary>Internal control: deducts and closes the valve at zero; otherwise the valve follows commands only.</summary>
    public bool InternalControl { get; }

    /// <summary>Closed by a valve command.</summary>
    public bool CommandedClosed { get; set; }

    /// <summary>True when the valve is open.</summary>
    public bool ValveOpen => !CommandedClosed && (!InternalControl || Balance.Remaining > 0);

    /// <summary>Flow measured now in m3/h.</summary>
    public decimal FlowM3PerHour => ValveOpen ? DemandM3PerHour : 0m;

    /// <summary>Moves simulated time to <paramref name="now"/>.</summary>
    public void Advance(DateTimeOffset now)
    {
        while (_time < now)
        {
            // Minute steps bound how far the balance can run below zero before the valve closes.
            var step = now - _time < MaxStep ? now - _time : MaxStep;
            var flow = FlowM3PerHour;
            if (flow > 0)
            {
                var volumeTicks = flow * step.Ticks;
                _volumeTicks += volumeTicks;
                if (InternalControl)
                {
                    Balance.Deduct(volumeTicks, Price);
                }
            }

            _time += step;
        }
    }
}
