using Prepaid.Acquisition.Modbus;

namespace Prepaid.Acquisition.Simulator;

/// <summary>
/// The balance side of a simulated prepaid meter: remaining amount, purchase count, the purchase rules of
/// a prepaid meter (count N+1 applies once, count N is a duplicate, other counts 03, hoarding limit 04) and the
/// local restores of the alarm ladder. Not thread-safe: the owning meter serialises access.
/// </summary>
public sealed class PrepaidBalance
{
    private bool _alarm2Restored;
    private bool _overdraftReclosed;

    /// <summary>Creates the balance.</summary>
    public PrepaidBalance(SimulatedMeterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _credit = settings.InitialBalance;
        PurchaseCount = settings.InitialPurchaseCount & 0xFFFF;
        AlarmAmount1 = settings.AlarmAmount1;
        AlarmAmount2 = settings.AlarmAmount2;
        OverdraftLimit = settings.OverdraftLimit;
        HoardingLimit = settings.HoardingLimit;
    }

    private decimal _credit;
    private decimal _costTicks;

    /// <summary>Remaining amount in yuan, exact (the registers show it to the fen).</summary>
    public decimal Remaining => _credit - (_costTicks / TimeSpan.TicksPerHour);

    /// <summary>Purchase count (16-bit).</summary>
    public int PurchaseCount { get; private set; }

    /// <summary>Sum of purchases applied, in yuan.</summary>
    public decimal TotalPurchased { get; private set; }

    /// <summary>Alarm amount 1 in yuan.</summary>
    public decimal AlarmAmount1 { get; set; }

    /// <summary>Alarm amount 2 in yuan.</summary>
    public decimal AlarmAmount2 { get; set; }

    /// <summary>Overdraft limit in yuan.</summary>
    public decimal OverdraftLimit { get; set; }

    /// <summary>Hoarding limit in yuan, or null.</summary>
    public decimal? HoardingLimit { get; set; }

    /// <summary>Remaining at or below alarm amount 1.</summary>
    public bool Alarm1 => Remaining <= AlarmAmount1;

    /// <summary>Remaining at or below alarm amount 2.</summary>
    public bool Alarm2 => Remaining <= AlarmAmount2;

    /// <summary>In arrears: remaining at or below zero.</summary>
    public bool InArrears => Remaining <= 0;

    /// <summary>True when the ladder lets supply continue (warning trip restored locally, overdraft re-close used).</summary>
    public bool AllowsSupply =>
        Remaining > AlarmAmount2 ||
        (Remaining > 0 && _alarm2Restored) ||
        (Remaining <= 0 && _overdraftReclosed && Remaining > -OverdraftLimit);

    /// <summary>
    /// Deducts the cost of <paramref name="unitTicks"/> (kW or m3/h times ticks) at <paramref name="price"/>. Costs
    /// add up in price x unit x ticks and are divided by ticks per hour only when read, so no rounding accumulates.
    /// </summary>
    public void Deduct(decimal unitTicks, decimal price) => _costTicks += unitTicks * price;

    /// <summary>The tenant presses the meter's button: restores a warning trip, or uses the one overdraft re-close.</summary>
    public void PressButton()
    {
        if (Remaining > 0 && Alarm2)
        {
            _alarm2Restored = true;
        }
        else if (Remaining <= 0 && OverdraftLimit > 0 && Remaining > -OverdraftLimit)
        {
            _overdraftReclosed = true;
        }
    }

    /// <summary>Checks a purchase write; returns the exception to answer, or null to accept.</summary>
    public ModbusExceptionCode? Validate(int count, decimal amount)
    {
        if (count == PurchaseCount)
        {
            return null;
        }

        if (count != ((PurchaseCount + 1) & 0xFFFF))
        {
            return ModbusExceptionCode.IllegalDataValue;
        }

        return HoardingLimit is { } limit && Remaining + amount > limit ? ModbusExceptionCode.ServerDeviceFailure : null;
    }

    /// <summary>Applies a validated purchase; a duplicate count changes nothing. Returns true when applied.</summary>
    public bool Apply(int count, decimal amount)
    {
        if (count == PurchaseCount)
        {
            return false;
        }

        PurchaseCount = count;
        _credit += amount;
        TotalPurchased += amount;
        if (Remaining > AlarmAmount2)
        {
            _alarm2Restored = false;
        }

        if (Remaining > 0)
        {
            _overdraftReclosed = false;
        }

        return true;
    }
}
