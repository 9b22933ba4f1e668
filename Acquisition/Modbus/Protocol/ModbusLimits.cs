namespace Prepaid.Acquisition.Modbus;

/// <summary>Count limits from the Modbus Application Protocol specification V1.1b3.</summary>
public static class ModbusLimits
{
    /// <summary>Most coils or discrete inputs one read may return (FC01, FC02).</summary>
    public const int MaxReadBits = 2000;

    /// <summary>Most registers one read may return (FC03, FC04).</summary>
    public const int MaxReadRegisters = 125;

    /// <summary>Most coils one FC15 request may write.</summary>
    public const int MaxWriteCoils = 1968;

    /// <summary>Most registers one FC16 request may write.</summary>
    public const int MaxWriteRegisters = 123;

    /// <summary>Most registers the read part of FC23 may return.</summary>
    public const int MaxReadWriteReadRegisters = 125;

    /// <summary>Most registers the write part of FC23 may carry.</summary>
    public const int MaxReadWriteWriteRegisters = 121;

    /// <summary>Largest PDU (function code plus data) any framing carries.</summary>
    public const int MaxPduLength = 253;

    /// <summary>Number of addresses in each table: 0..65535.</summary>
    public const int AddressSpace = 65536;
}
