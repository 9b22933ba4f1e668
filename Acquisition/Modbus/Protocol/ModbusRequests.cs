using System.Buffers.Binary;

namespace Prepaid.Acquisition.Modbus;

/// <summary>
/// Builds request PDUs for the standard function codes, enforcing the specification's count limits and the
/// rule that address + count must not pass 65536.
/// </summary>
public static class ModbusRequests
{
    /// <summary>FC01: read <paramref name="count"/> (1..2000) coils.</summary>
    public static ModbusPdu ReadCoils(ushort address, int count) =>
        Read(ModbusFunctionCodes.ReadCoils, address, count, ModbusLimits.MaxReadBits, "Read coils");

    /// <summary>FC02: read <paramref name="count"/> (1..2000) discrete inputs.</summary>
    public static ModbusPdu ReadDiscreteInputs(ushort address, int count) =>
        Read(ModbusFunctionCodes.ReadDiscreteInputs, address, count, ModbusLimits.MaxReadBits, "Read discrete inputs");

    /// <summary>FC03: read <paramref name="count"/> (1..125) holding registers.</summary>
    public static ModbusPdu ReadHoldingRegisters(ushort address, int count) =>
        Read(ModbusFunctionCodes.ReadHoldingRegisters, address, count, ModbusLimits.MaxReadRegisters, "Read holding registers");

    /// <summary>FC04: read <paramref name="count"/> (1..125) input registers.</summary>
    public static ModbusPdu ReadInputRegisters(ushort address, int count) =>
        Read(ModbusFunctionCodes.ReadInputRegisters, address, count, ModbusLimits.MaxReadRegisters, "Read input registers");

    /// <summary>FC05: switch one coil on (0xFF00) or off (0x0000).</summary>
    public static ModbusPdu WriteSingleCoil(ushort address, bool value)
    {
        Span<byte> data = stackalloc byte[4];
        BinaryPrimitives.WriteUInt16BigEndian(data, address);
        BinaryPrimitives.WriteUInt16BigEndian(data[2..], value ? (ushort)0xFF00 : (ushort)0x0000);
        return ModbusPdu.Create(ModbusFunctionCodes.WriteSingleCoil, data);
    }

    /// <summary>FC06: write one holding register.</summary>
    public static ModbusPdu WriteSingleRegister(ushort address, ushort value)
    {
        Span<byte> data = stackalloc byte[4];
        BinaryPrimitives.WriteUInt16BigEndian(data, address);
        BinaryPrimitives.WriteUInt16BigEndian(data[2..], value);
        return ModbusPdu.Create(ModbusFunctionCodes.WriteSingleRegister, data);
    }

    /// <summary>FC15: write 1..1968 coils.</summary>
    public static ModbusPdu WriteMultipleCoils(ushort address, ReadOnlySpan<bool> values)
    {
        CheckRange(address, values.Length, ModbusLimits.MaxWriteCoils, "Write multiple coils", "values");
        var byteCount = (values.Length + 7) / 8;
        var data = new byte[5 + byteCount];
        BinaryPrimitives.WriteUInt16BigEndian(data, address);
        BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(2), (ushort)values.Length);
        data[4] = (byte)byteCount;
        ModbusBits.Pack(values, data.AsSpan(5));
        return ModbusPdu.Create(ModbusFunctionCodes.WriteMultipleCoils, data);
    }

    /// <summary>FC16: write 1..123 holding registers.</summary>
    public static ModbusPdu WriteMultipleRegisters(ushort address, ReadOnlySpan<ushort> values)
    {
        CheckRange(address, values.Length, ModbusLimits.MaxWriteRegisters, "Write multiple registers", "values");
        var data = new byte[5 + (2 * values.Length)];
        BinaryPrimitives.WriteUInt16BigEndian(data, address);
        BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(2), (ushort)values.Length);
        data[4] = (byte)(2 * values.Length);
        WriteRegisters(values, data.AsSpan(5));
        return ModbusPdu.Create(ModbusFunctionCodes.WriteMultipleRegisters, data);
    }

    /// <summary>FC23: write 1..121 registers, then read 1..125 registers, in one transaction.</summary>
    public static ModbusPdu ReadWriteMultipleRegisters(ushort readAddress, int readCount, ushort writeAddress, ReadOnlySpan<ushort> values)
    {
        CheckRange(readAddress, readCount, ModbusLimits.MaxReadWriteReadRegisters, "Read/write multiple registers (read part)", nameof(readCount));
        CheckRange(writeAddress, values.Length, ModbusLimits.MaxReadWriteWriteRegisters, "Read/write multiple registers (write part)", "values");
        var data = new byte[9 + (2 * values.Length)];
        BinaryPrimitives.WriteUInt16BigEndian(data, readAddress);
        BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(2), (ushort)readCount);
        BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(4), writeAddress);
        BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(6), (ushort)values.Length);
        data[8] = (byte)(2 * values.Length);
        WriteRegisters(values, data.AsSpan(9));
        return ModbusPdu.Create(ModbusFunctionCodes.ReadWriteMultipleRegisters, data);
    }

    internal static void CheckRange(ushort address, int count, int max, string what, string paramName)
    {
        if (count < 1 || count > max)
        {
            throw new ArgumentOutOfRangeException(paramName, count, $"{what}: count must be 1..{max} (Modbus limit {max}); got {count}.");
        }

        if (address + count > ModbusLimits.AddressSpace)
        {
            throw new ArgumentOutOfRangeException(paramName, count,
                $"{what}: address {address} + count {count} passes the end of the 65536-address table.");
        }
    }

    private static ModbusPdu Read(byte functionCode, ushort address, int count, int max, string what)
    {
        CheckRange(address, count, max, what, nameof(count));
        Span<byte> data = stackalloc byte[4];
        BinaryPrimitives.WriteUInt16BigEndian(data, address);
        BinaryPrimitives.WriteUInt16BigEndian(data[2..], (ushort)count);
        return ModbusPdu.Create(functionCode, data);
    }

    private static void WriteRegisters(ReadOnlySpan<ushort> values, Span<byte> destination)
    {
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination[(2 * i)..], values[i]);
        }
    }
}
