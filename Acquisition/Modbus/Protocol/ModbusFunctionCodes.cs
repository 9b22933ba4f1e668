namespace Prepaid.Acquisition.Modbus;

/// <summary>The public Modbus function codes this stack encodes and decodes. Other codes travel as raw PDUs.</summary>
public static class ModbusFunctionCodes
{
    /// <summary>01 Read Coils.</summary>
    public const byte ReadCoils = 0x01;

    /// <summary>02 Read Discrete Inputs.</summary>
    public const byte ReadDiscreteInputs = 0x02;

    /// <summary>03 Read Holding Registers.</summary>
    public const byte ReadHoldingRegisters = 0x03;

    /// <summary>04 Read Input Registers.</summary>
    public const byte ReadInputRegisters = 0x04;

    /// <summary>05 Write Single Coil.</summary>
    public const byte WriteSingleCoil = 0x05;

    /// <summary>06 Write Single Register.</summary>
    public const byte WriteSingleRegister = 0x06;

    /// <summary>15 (0x0F) Write Multiple Coils.</summary>
    public const byte WriteMultipleCoils = 0x0F;

    /// <summary>16 (0x10) Write Multiple Registers.</summary>
    public const byte WriteMultipleRegisters = 0x10;

    /// <summary>23 (0x17) Read/Write Multiple Registers.</summary>
    public const byte ReadWriteMultipleRegisters = 0x17;

    /// <summary>Bit set in the function code of an exception response.</summary>
    public const byte ExceptionFlag = 0x80;
}
