namespace Prepaid.Acquisition.Drivers;

/// <summary>Register addresses of the simulated prepaid water meter profile (README.md, "Register maps").</summary>
public static class WaterRegisters
{
    /// <summary>Cumulative volume: U32, 0.001 m3.</summary>
    public const ushort Volume = 0x0000;

    /// <summary>Flow: U16, 0.001 m3/h.</summary>
    public const ushort Flow = 0x0002;

    /// <summary>Valve state: 1 open, 2 closed, 3 fault.</summary>
    public const ushort ValveState = 0x001C;

    /// <summary>Valve command: write <see cref="OpenCommand"/> or <see cref="CloseCommand"/>.</summary>
    public const ushort ValveCommand = 0x001D;

    /// <summary>Remaining amount: S32, 0.01 yuan.</summary>
    public const ushort Remaining = 0x0020;

    /// <summary>Purchase count: U16.</summary>
    public const ushort PurchaseCount = 0x0022;

    /// <summary>Registers read in one request: 0x0000..0x0022.</summary>
    public const int BlockCount = 0x23;

    /// <summary>Valve command value that opens the valve (as in CJ/T 188).</summary>
    public const ushort OpenCommand = 0x55;

    /// <summary>Valve command value that closes the valve.</summary>
    public const ushort CloseCommand = 0x99;

    /// <summary>Purchase block, as for electricity.</summary>
    public const ushort Purchase = ElectricityRegisters.Purchase;
}
