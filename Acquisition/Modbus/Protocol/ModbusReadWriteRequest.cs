namespace Prepaid.Acquisition.Modbus;

/// <summary>A decoded FC23 request: the write is performed before the read.</summary>
/// <param name="ReadAddress">First register to read.</param>
/// <param name="ReadCount">Registers to read.</param>
/// <param name="WriteAddress">First register to write.</param>
/// <param name="Values">Values to write.</param>
public sealed record ModbusReadWriteRequest(ushort ReadAddress, ushort ReadCount, ushort WriteAddress, ushort[] Values);
