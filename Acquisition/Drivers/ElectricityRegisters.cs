namespace Prepaid.Acquisition.Drivers;

/// <summary>
/// Register addresses of the prepaid electricity profile (README.md, "Register maps"), shared by the public-area and main
/// incomer profiles. One place for the map so the driver and the simulated meter cannot disagree.
/// </summary>
public static class ElectricityRegisters
{
    /// <summary>Start of the real-time block (FC03).</summary>
    public const ushort RealTimeStart = 0x0200;

    /// <summary>Length of the real-time block.</summary>
    public const int RealTimeCount = 48;

    /// <summary>Meter type code: 7 single-phase prepaid, 5 three-phase prepaid.</summary>
    public const ushort MeterType = 0x0200;

    /// <summary>Ua, Ub, Uc: U16, 0.1 V.</summary>
    public const ushort VoltageA = 0x0201;

    /// <summary>Ia, Ib, Ic: U16, 0.01 A.</summary>
    public const ushort CurrentA = 0x0204;

    /// <summary>Pa, Pb, Pc, P total: S16, 0.001 kW.</summary>
    public const ushort ActivePowerA = 0x0207;

    /// <summary>Q total: S16, 0.001 kvar (Qa..Qc at 0x020B..0x020D).</summary>
    public const ushort ReactivePowerA = 0x020B;

    /// <summary>PFa, PFb, PFc, PF total: S16, 0.001.</summary>
    public const ushort PowerFactorA = 0x020F;

    /// <summary>PT ratio: U16.</summary>
    public const ushort PtRatio = 0x0213;

    /// <summary>CT ratio: U16.</summary>
    public const ushort CtRatio = 0x0214;

    /// <summary>Total active energy: U32, 0.01 kWh (secondary side).</summary>
    public const ushort TotalEnergy = 0x0215;

    /// <summary>Sharp energy; peak, flat and valley follow every 2 registers.</summary>
    public const ushort SharpEnergy = 0x0217;

    /// <summary>Remaining amount: S32, 0.01 yuan, negative while the overdraft is used.</summary>
    public const ushort Remaining = 0x021F;

    /// <summary>Purchase count: U16.</summary>
    public const ushort PurchaseCount = 0x0221;

    /// <summary>Over-power trip count: U16.</summary>
    public const ushort OverPowerTripCount = 0x0222;

    /// <summary>Allowed re-closes after over-power: U16.</summary>
    public const ushort AllowedRecloses = 0x0223;

    /// <summary>Status word (see <see cref="StatusWord"/>).</summary>
    public const ushort Status = 0x0224;

    /// <summary>Control status word (see <see cref="StatusWord"/>).</summary>
    public const ushort ControlStatus = 0x0225;

    /// <summary>Base energy: U32, 0.01 kWh.</summary>
    public const ushort BaseEnergy = 0x0226;

    /// <summary>Meter clock: 4 registers, bytes YY MM DD weekday hh mm ss (last byte unused).</summary>
    public const ushort Clock = 0x0228;

    /// <summary>Relay command (FC16, 2 registers): 0x0057 forced control on/off, 0x0058 1 trip / 0 close.</summary>
    public const ushort RelayCommand = 0x0057;

    /// <summary>Start of the prepaid parameter block (FC03).</summary>
    public const ushort ParametersStart = 0x0400;

    /// <summary>Length of the prepaid parameter block.</summary>
    public const int ParametersCount = 25;

    /// <summary>Prepaid on (non-zero) or off: U16.</summary>
    public const ushort PrepaidEnabled = 0x0400;

    /// <summary>Purchase count in the parameter block: U16.</summary>
    public const ushort ParameterPurchaseCount = 0x0401;

    /// <summary>Prices 1-4 (sharp, peak, flat, valley): U32 each, 0.0001 yuan/kWh. Writable with FC16.</summary>
    public const ushort Prices = 0x0402;

    /// <summary>Alarm amount 1: U32, 0.01 yuan.</summary>
    public const ushort AlarmAmount1 = 0x040A;

    /// <summary>Alarm amount 2: U32, 0.01 yuan.</summary>
    public const ushort AlarmAmount2 = 0x040C;

    /// <summary>Overdraft limit: U32, 0.01 yuan.</summary>
    public const ushort OverdraftLimit = 0x040E;

    /// <summary>Total purchased: U32, 0.01 yuan.</summary>
    public const ushort TotalPurchased = 0x0412;

    /// <summary>Remaining in the parameter block: S32, 0.01 yuan.</summary>
    public const ushort ParameterRemaining = 0x0414;

    /// <summary>Base energy in the parameter block: U32, 0.01 kWh.</summary>
    public const ushort ParameterBaseEnergy = 0x0416;

    /// <summary>Registers of the parameter write (prices, alarm amounts, overdraft): 0x0402..0x040F.</summary>
    public const int ParameterWriteCount = 14;

    /// <summary>Purchase (FC16, 3 registers): new count U16, amount U32 0.01 yuan. Shared with the water profile.</summary>
    public const ushort Purchase = 0x0460;

    /// <summary>Power limit (FC16, 3 registers): enabled U16, maximum U16 0.01 kW, duration U16 seconds.</summary>
    public const ushort PowerLimit = 0x0480;
}
