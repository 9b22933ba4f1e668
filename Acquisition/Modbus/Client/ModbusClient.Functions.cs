namespace Prepaid.Acquisition.Modbus;

/// <content>Typed calls for the standard function codes.</content>
public sealed partial class ModbusClient
{
    /// <summary>FC01: reads 1..2000 coils.</summary>
    public Task<bool[]> ReadCoilsAsync(byte unitId, ushort address, int count, CancellationToken cancellationToken = default)
    {
        var request = ModbusRequests.ReadCoils(address, count);
        return ExecuteAsync(unitId, request, r => ModbusResponses.ReadBits(unitId, request, r), cancellationToken);
    }

    /// <summary>FC02: reads 1..2000 discrete inputs.</summary>
    public Task<bool[]> ReadDiscreteInputsAsync(byte unitId, ushort address, int count, CancellationToken cancellationToken = default)
    {
        var request = ModbusRequests.ReadDiscreteInputs(address, count);
        return ExecuteAsync(unitId, request, r => ModbusResponses.ReadBits(unitId, request, r), cancellationToken);
    }

    /// <summary>FC03: reads 1..125 holding registers.</summary>
    public Task<ushort[]> ReadHoldingRegistersAsync(byte unitId, ushort address, int count, CancellationToken cancellationToken = default)
    {
        var request = ModbusRequests.ReadHoldingRegisters(address, count);
        return ExecuteAsync(unitId, request, r => ModbusResponses.ReadRegisters(unitId, request, r), cancellationToken);
    }

    /// <summary>FC04: reads 1..125 input registers.</summary>
    public Task<ushort[]> ReadInputRegistersAsync(byte unitId, ushort address, int count, CancellationToken cancellationToken = default)
    {
        var request = ModbusRequests.ReadInputRegisters(address, count);
        return ExecuteAsync(unitId, request, r => ModbusResponses.ReadRegisters(unitId, request, r), cancellationToken);
    }

    /// <summary>FC05: writes one coil.</summary>
    public Task WriteSingleCoilAsync(byte unitId, ushort address, bool value, CancellationToken cancellationToken = default) =>
        WriteAsync(unitId, ModbusRequests.WriteSingleCoil(address, value), cancellationToken);

    /// <summary>FC06: writes one holding register.</summary>
    public Task WriteSingleRegisterAsync(byte unitId, ushort address, ushort value, CancellationToken cancellationToken = default) =>
        WriteAsync(unitId, ModbusRequests.WriteSingleRegister(address, value), cancellationToken);

    /// <summary>FC15: writes 1..1968 coils.</summary>
    public Task WriteMultipleCoilsAsync(byte unitId, ushort address, bool[] values, CancellationToken cancellationToken = default) =>
        WriteAsync(unitId, ModbusRequests.WriteMultipleCoils(address, values), cancellationToken);

    /// <summary>FC16: writes 1..123 holding registers.</summary>
    public Task WriteMultipleRegistersAsync(byte unitId, ushort address, ushort[] values, CancellationToken cancellationToken = default) =>
        WriteAsync(unitId, ModbusRequests.WriteMultipleRegisters(address, values), cancellationToken);

    /// <summary>FC23: writes 1..121 registers, then reads 1..125 registers, in one transaction.</summary>
    public Task<ushort[]> ReadWriteMultipleRegistersAsync(byte unitId, ushort readAddress, int readCount, ushort writeAddress, ushort[] values,
        CancellationToken cancellationToken = default)
    {
        var request = ModbusRequests.ReadWriteMultipleRegisters(readAddress, readCount, writeAddress, values);
        return ExecuteAsync(unitId, request, r => ModbusResponses.ReadRegisters(unitId, request, r), cancellationToken);
    }

    private Task WriteAsync(byte unitId, ModbusPdu request, CancellationToken cancellationToken) =>
        ExecuteAsync(unitId, request, r =>
        {
            ModbusResponses.CheckWrite(unitId, request, r);
            return true;
        }, cancellationToken);
}
