namespace Prepaid.Acquisition.Modbus;

/// <summary>How PDUs are wrapped on the wire.</summary>
public enum ModbusFraming
{
    /// <summary>Modbus TCP: MBAP header (transaction id, protocol 0, length, unit id), no CRC.</summary>
    Tcp,

    /// <summary>Modbus RTU: unit id, PDU, CRC-16 low byte first; over a serial port or a transparent TCP gateway.</summary>
    Rtu,
}
