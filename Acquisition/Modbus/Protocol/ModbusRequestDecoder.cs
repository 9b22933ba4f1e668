using System.Buffers.Binary;

namespace Prepaid.Acquisition.Modbus;

/// <summary>
/// Server side: parses request PDUs. Malformed requests throw <see cref="ModbusExceptionResponseException"/>
/// carrying the exception code the specification prescribes (03 for bad counts and lengths, 02 when
/// address + count passes 65536), so a server answers it directly.
/// </summary>
public static class ModbusRequestDecoder
{
    /// <summary>FC01/02/03/04: start address and count, checked against the limit of that function.</summary>
    public static ModbusReadRequest DecodeRead(ModbusPdu request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fc = request.FunctionCode;
        var max = fc switch
        {
            ModbusFunctionCodes.ReadCoils or ModbusFunctionCodes.ReadDiscreteInputs => ModbusLimits.MaxReadBits,
            ModbusFunctionCodes.ReadHoldingRegisters or ModbusFunctionCodes.ReadInputRegisters => ModbusLimits.MaxReadRegisters,
            _ => throw new ArgumentException($"Function 0x{fc:X2} is not a read.", nameof(request)),
        };
        RequireLength(request, 5);
        var address = BinaryPrimitives.ReadUInt16BigEndian(request.Data);
        var count = BinaryPrimitives.ReadUInt16BigEndian(request.Data[2..]);
        CheckCount(fc, address, count, max);
        return new ModbusReadRequest(address, count);
    }

    /// <summary>FC05: address and coil state; values other than 0xFF00/0x0000 are rejected with 03.</summary>
    public static (ushort Address, bool Value) DecodeWriteSingleCoil(ModbusPdu request)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequireLength(request, 5);
        var value = BinaryPrimitives.ReadUInt16BigEndian(request.Data[2..]);
        if (value is not (0xFF00 or 0x0000))
        {
            throw new ModbusExceptionResponseException(request.FunctionCode, ModbusExceptionCode.IllegalDataValue,
                $"coil value must be 0xFF00 or 0x0000, got 0x{value:X4}");
        }

        return (BinaryPrimitives.ReadUInt16BigEndian(request.Data), value == 0xFF00);
    }

    /// <summary>FC06: address and value.</summary>
    public static (ushort Address, ushort Value) DecodeWriteSingleRegister(ModbusPdu request)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequireLength(request, 5);
        return (BinaryPrimitives.ReadUInt16BigEndian(request.Data), BinaryPrimitives.ReadUInt16BigEndian(request.Data[2..]));
    }

    /// <summary>FC15: address and coil states.</summary>
    public static (ushort Address, bool[] Values) DecodeWriteMultipleCoils(ModbusPdu request)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequireMinLength(request, 6);
        var address = BinaryPrimitives.ReadUInt16BigEndian(request.Data);
        var count = BinaryPrimitives.ReadUInt16BigEndian(request.Data[2..]);
        var byteCount = request.Data[4];
        if (count < 1 || count > ModbusLimits.MaxWriteCoils || byteCount != (count + 7) / 8)
        {
            throw Invalid(request, $"count {count} must be 1..{ModbusLimits.MaxWriteCoils} with byte count {(count + 7) / 8}, got byte count {byteCount}");
        }

        RequireLength(request, 6 + byteCount);
        CheckCount(request.FunctionCode, address, count, ModbusLimits.MaxWriteCoils);
        return (address, ModbusBits.Unpack(request.Data[5..], count));
    }

    /// <summary>FC16: address and register values.</summary>
    public static (ushort Address, ushort[] Values) DecodeWriteMultipleRegisters(ModbusPdu request)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequireMinLength(request, 6);
        var address = BinaryPrimitives.ReadUInt16BigEndian(request.Data);
        var count = BinaryPrimitives.ReadUInt16BigEndian(request.Data[2..]);
        var byteCount = request.Data[4];
        if (count < 1 || count > ModbusLimits.MaxWriteRegisters || byteCount != 2 * count)
        {
            throw Invalid(request, $"count {count} must be 1..{ModbusLimits.MaxWriteRegisters} with byte count {2 * count}, got byte count {byteCount}");
        }

        RequireLength(request, 6 + byteCount);
        CheckCount(request.FunctionCode, address, count, ModbusLimits.MaxWriteRegisters);
        return (address, ModbusBits.ReadRegisters(request.Data[5..], count));
    }

    /// <summary>FC23: read range and the values to write first.</summary>
    public static ModbusReadWriteRequest DecodeReadWriteMultipleRegisters(ModbusPdu request)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequireMinLength(request, 10);
        var data = request.Data;
        var readAddress = BinaryPrimitives.ReadUInt16BigEndian(data);
        var readCount = BinaryPrimitives.ReadUInt16BigEndian(data[2..]);
        var writeAddress = BinaryPrimitives.ReadUInt16BigEndian(data[4..]);
        var writeCount = BinaryPrimitives.ReadUInt16BigEndian(data[6..]);
        var byteCount = data[8];
        if (writeCount < 1 || writeCount > ModbusLimits.MaxReadWriteWriteRegisters || byteCount != 2 * writeCount)
        {
            throw Invalid(request, $"write count {writeCount} must be 1..{ModbusLimits.MaxReadWriteWriteRegisters} with byte count {2 * writeCount}, got {byteCount}");
        }

        RequireLength(request, 10 + byteCount);
        CheckCount(request.FunctionCode, readAddress, readCount, ModbusLimits.MaxReadWriteReadRegisters);
        CheckCount(request.FunctionCode, writeAddress, writeCount, ModbusLimits.MaxReadWriteWriteRegisters);
        return new ModbusReadWriteRequest(readAddress, readCount, writeAddress, ModbusBits.ReadRegisters(data[9..], writeCount));
    }

    private static void CheckCount(byte fc, ushort address, int count, int max)
    {
        if (count < 1 || count > max)
        {
            throw new ModbusExceptionResponseException(fc, ModbusExceptionCode.IllegalDataValue, $"count {count} outside 1..{max}");
        }

        if (address + count > ModbusLimits.AddressSpace)
        {
            throw new ModbusExceptionResponseException(fc, ModbusExceptionCode.IllegalDataAddress, $"address {address} + count {count} passes 65536");
        }
    }

    private static void RequireLength(ModbusPdu request, int length)
    {
        if (request.Length != length)
        {
            throw Invalid(request, $"PDU must be {length} bytes, got {request.Length}");
        }
    }

    private static void RequireMinLength(ModbusPdu request, int length)
    {
        if (request.Length < length)
        {
            throw Invalid(request, $"PDU must be at least {length} bytes, got {request.Length}");
        }
    }

    private static ModbusExceptionResponseException Invalid(ModbusPdu request, string detail) =>
        new(request.FunctionCode, ModbusExceptionCode.IllegalDataValue, detail);
}
