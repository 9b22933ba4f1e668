namespace Prepaid.Acquisition.Modbus;

/// <summary>A decoded read request (FC01..FC04): start address and count.</summary>
/// <param name="Address">First address, 0-based.</param>
/// <param name="Count">Number of bits or registers.</param>
public readonly record struct ModbusReadRequest(ushort Address, ushort Count);
