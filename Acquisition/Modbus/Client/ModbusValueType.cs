namespace Prepaid.Acquisition.Modbus;

/// <summary>Integer encodings of a value in registers.</summary>
public enum ModbusValueType
{
    /// <summary>Unsigned 16-bit, one register.</summary>
    UInt16,

    /// <summary>Signed 16-bit (two's complement), one register.</summary>
    Int16,

    /// <summary>Unsigned 32-bit, two registers.</summary>
    UInt32,

    /// <summary>Signed 32-bit (two's complement), two registers.</summary>
    Int32,
}
