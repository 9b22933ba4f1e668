namespace Prepaid.Acquisition.Modbus;

/// <summary>A write a client asked a <see cref="ModbusRegisterBank"/> to perform.</summary>
/// <param name="Table">Coils or holding registers.</param>
/// <param name="Address">First address written.</param>
/// <param name="Values">Register values, or 1/0 per coil.</param>
public sealed record ModbusWrite(ModbusTable Table, ushort Address, IReadOnlyList<ushort> Values);
