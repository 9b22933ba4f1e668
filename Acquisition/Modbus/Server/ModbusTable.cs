namespace Prepaid.Acquisition.Modbus;

/// <summary>The four Modbus data tables.</summary>
public enum ModbusTable
{
    /// <summary>Read/write bits (FC01, FC05, FC15).</summary>
    Coils,

    /// <summary>Read-only bits (FC02).</summary>
    DiscreteInputs,

    /// <summary>Read/write registers (FC03, FC06, FC16, FC23).</summary>
    HoldingRegisters,

    /// <summary>Read-only registers (FC04).</summary>
    InputRegisters,
}
