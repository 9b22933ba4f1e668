using System.Buffers.Binary;

namespace Prepaid.Acquisition.Modbus;

/// <summary>
/// Validates a response PDU against the request it answers and extracts its values. Malformed or mismatched
/// responses throw <see cref="ModbusProtocolException"/>; exception responses throw
/// <see cref="ModbusGatewayException"/> (0x0A, 0x0B) or <see cref="ModbusExceptionResponseException"/>.
/// </summary>
public static class ModbusResponses
{
    /// <summary>
    /// Length of the normal (non-exception) response PDU to <paramref name="request"/>, or null when the
    /// function code is not one this stack knows (vendor-private).
    /// </summary>
    public static int? ExpectedLength(ModbusPdu request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var data = request.Data;
        switch (request.FunctionCode)
        {
            case ModbusFunctionCodes.ReadCoils or ModbusFunctionCodes.ReadDiscreteInputs when data.Length >= 4:
                return 2 + ((BinaryPrimitives.ReadUInt16BigEndian(data[2..]) + 7) / 8);
            case ModbusFunctionCodes.ReadHoldingRegisters or ModbusFunctionCodes.ReadInputRegisters or ModbusFunctionCodes.ReadWriteMultipleRegisters when data.Length >= 4:
                return 2 + (2 * BinaryPrimitives.ReadUInt16BigEndian(data[2..]));
            case ModbusFunctionCodes.WriteSingleCoil or ModbusFunctionCodes.WriteSingleRegister
                or ModbusFunctionCodes.WriteMultipleCoils or ModbusFunctionCodes.WriteMultipleRegisters:
                return 5;
            default:
                return null;
        }
    }

    /// <summary>
    /// Throws when <paramref name="response"/> is an exception response or has another function code than
    /// <paramref name="request"/>.
    /// </summary>
    public static void ThrowIfException(byte unitId, ModbusPdu request, ModbusPdu response)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(response);
        if (response.FunctionCode == (request.FunctionCode | ModbusFunctionCodes.ExceptionFlag) && !request.IsException)
        {
            if (response.Length != 2)
            {
                throw new ModbusProtocolException($"Exception response must be 2 bytes: {response}.");
            }

            var code = (ModbusExceptionCode)response.Span[1];
            if (code is ModbusExceptionCode.GatewayPathUnavailable or ModbusExceptionCode.GatewayTargetDeviceFailedToRespond)
            {
                throw new ModbusGatewayException(unitId, request.FunctionCode, code);
            }

            throw new ModbusExceptionResponseException(request.FunctionCode, code);
        }

        if (response.FunctionCode != request.FunctionCode)
        {
            throw new ModbusProtocolException(
                $"Response function code 0x{response.FunctionCode:X2} does not match request 0x{request.FunctionCode:X2}.");
        }
    }

    /// <summary>FC01/FC02: the coil or input states the request asked for.</summary>
    public static bool[] ReadBits(byte unitId, ModbusPdu request, ModbusPdu response)
    {
        ThrowIfException(unitId, request, response);
        var count = RequestedCount(request, ModbusFunctionCodes.ReadCoils, ModbusFunctionCodes.ReadDiscreteInputs);
        var byteCount = (count + 7) / 8;
        CheckByteCount(response, byteCount);
        return ModbusBits.Unpack(response.Data[1..], count);
    }

    /// <summary>FC03/FC04/FC23: the register values the request asked for.</summary>
    public static ushort[] ReadRegisters(byte unitId, ModbusPdu request, ModbusPdu response)
    {
        ThrowIfException(unitId, request, response);
        var count = RequestedCount(request, ModbusFunctionCodes.ReadHoldingRegisters, ModbusFunctionCodes.ReadInputRegisters,
            ModbusFunctionCodes.ReadWriteMultipleRegisters);
        CheckByteCount(response, 2 * count);
        return ModbusBits.ReadRegisters(response.Data[1..], count);
    }

    /// <summary>FC05/06: the response must echo the request; FC15/16: it must echo address and quantity.</summary>
    public static void CheckWrite(byte unitId, ModbusPdu request, ModbusPdu response)
    {
        ThrowIfException(unitId, request, response);
        switch (request.FunctionCode)
        {
            case ModbusFunctionCodes.WriteSingleCoil or ModbusFunctionCodes.WriteSingleRegister:
                if (!response.Span.SequenceEqual(request.Span))
                {
                    throw new ModbusProtocolException($"Write response {response} does not echo request {request}.");
                }

                break;
            case ModbusFunctionCodes.WriteMultipleCoils or ModbusFunctionCodes.WriteMultipleRegisters:
                if (response.Length != 5 || !response.Span.SequenceEqual(request.Span[..5]))
                {
                    throw new ModbusProtocolException($"Write response {response} does not echo address and quantity of {request}.");
                }

                break;
            default:
                throw new ArgumentException($"Function 0x{request.FunctionCode:X2} is not a write.", nameof(request));
        }
    }

    private static int RequestedCount(ModbusPdu request, params ReadOnlySpan<byte> allowed)
    {
        if (!allowed.Contains(request.FunctionCode) || request.Length < 5)
        {
            throw new ArgumentException($"Request {request} is not a read of the expected kind.", nameof(request));
        }

        return BinaryPrimitives.ReadUInt16BigEndian(request.Data[2..]);
    }

    private static void CheckByteCount(ModbusPdu response, int expected)
    {
        if (response.Length < 2 || response.Data[0] != expected || response.Length != 2 + expected)
        {
            throw new ModbusProtocolException(
                $"Response byte count does not match the request: expected {expected} data bytes, got {response}.");
        }
    }
}
