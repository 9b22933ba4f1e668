namespace Prepaid.Acquisition.Modbus;

/// <summary>A decoded frame: transaction id (0 for RTU), unit id and PDU.</summary>
internal readonly record struct ModbusFrame(ushort TransactionId, byte UnitId, ModbusPdu Pdu);
