namespace Prepaid.Acquisition.Modbus;

/// <summary>Chooses the fault, if any, a <see cref="ModbusServer"/> applies to one request.</summary>
/// <param name="unitId">The unit id the request is addressed to.</param>
/// <param name="request">The request PDU.</param>
public delegate ModbusFault ModbusFaultInjector(byte unitId, ModbusPdu request);
