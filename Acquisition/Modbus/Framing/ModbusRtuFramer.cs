namespace Prepaid.Acquisition.Modbus;

/// <summary>
/// Modbus RTU framing (unit id, PDU, CRC-16 low byte first), used on serial buses and through transparent
/// TCP gateways. RTU has no length field, so frames are parsed by length: the length follows from the
/// function code (and, for replies, from the request). A byte that cannot start a plausible frame, or a
/// frame whose CRC fails, costs exactly one byte: the parser drops it and tries again at the next byte,
/// which resynchronises after garbage. Unknown (vendor-private) function codes are delimited by the first
/// length whose CRC checks.
/// </summary>
internal sealed class ModbusRtuFramer : IModbusFramer
{
    public static readonly ModbusRtuFramer Instance = new();

    private const int MaxFrameLength = 256;

    public bool FlushBeforeRequest => true;

    public byte[] Encode(ushort transactionId, byte unitId, ModbusPdu pdu)
    {
        var frame = new byte[pdu.Length + 3];
        frame[0] = unitId;
        pdu.Span.CopyTo(frame.AsSpan(1));
        ModbusCrc.Write(frame.AsSpan(0, frame.Length - 2), frame.AsSpan(frame.Length - 2));
        return frame;
    }

    public async ValueTask<ModbusPdu> ReadResponseAsync(FrameReader reader, ushort transactionId, byte unitId, ModbusPdu request, CancellationToken cancellationToken)
    {
        var expectedPdu = ModbusResponses.ExpectedLength(request);
        var exceptionFc = (byte)(request.FunctionCode | ModbusFunctionCodes.ExceptionFlag);
        while (true)
        {
            await reader.FillAsync(2, cancellationToken).ConfigureAwait(false);
            var head = reader.Buffered;
            int length;
            if (head[0] != unitId)
            {
                reader.Skip();
                continue;
            }

            if (head[1] == exceptionFc)
            {
                length = 5;
            }
            else if (head[1] != request.FunctionCode)
            {
                reader.Skip();
                continue;
            }
            else if (expectedPdu is { } pduLength)
            {
                length = pduLength + 3;
                if (IsRead(request.FunctionCode))
                {
                    // The byte count must be the one the request implies, or this is not our answer.
                    await reader.FillAsync(3, cancellationToken).ConfigureAwait(false);
                    if (reader.Buffered[2] != pduLength - 2)
                    {
                        reader.Skip();
                        continue;
                    }
                }
            }
            else
            {
                var found = await FindCrcDelimitedAsync(reader, cancellationToken).ConfigureAwait(false);
                if (found == 0)
                {
                    continue;
                }

                length = found;
            }

            await reader.FillAsync(length, cancellationToken).ConfigureAwait(false);
            if (!ModbusCrc.Check(reader.Buffered[..length]))
            {
                reader.Skip();
                continue;
            }

            var pdu = ModbusPdu.FromBytes(reader.Buffered[1..(length - 2)]);
            reader.Consume(length);
            return pdu;
        }
    }

    public async ValueTask<ModbusFrame> ReadRequestAsync(FrameReader reader, CancellationToken cancellationToken)
    {
        while (true)
        {
            await reader.FillAsync(2, cancellationToken).ConfigureAwait(false);
            var length = await RequestLengthAsync(reader, cancellationToken).ConfigureAwait(false);
            if (length == 0)
            {
                continue;
            }

            if (length > MaxFrameLength)
            {
                reader.Skip();
                continue;
            }

            await reader.FillAsync(length, cancellationToken).ConfigureAwait(false);
            var frame = reader.Buffered[..length];
            if (!ModbusCrc.Check(frame))
            {
                // A real slave stays silent on a CRC error; we also slide one byte to find the next frame.
                reader.Skip();
                continue;
            }

            var result = new ModbusFrame(0, frame[0], ModbusPdu.FromBytes(frame[1..^2]));
            reader.Consume(length);
            return result;
        }
    }

    /// <summary>
    /// Length of the request frame starting in the buffer, or 0 when a byte was dropped. Quantity and byte
    /// count must agree before we wait for a long frame, so a garbage byte that looks like FC15/16/23 does
    /// not make us wait for hundreds of bytes that never come.
    /// </summary>
    private static async ValueTask<int> RequestLengthAsync(FrameReader reader, CancellationToken cancellationToken)
    {
        switch (reader.Buffered[1])
        {
            case >= ModbusFunctionCodes.ReadCoils and <= ModbusFunctionCodes.WriteSingleRegister:
                return 8;
            case ModbusFunctionCodes.WriteMultipleCoils or ModbusFunctionCodes.WriteMultipleRegisters:
                await reader.FillAsync(7, cancellationToken).ConfigureAwait(false);
                var head = reader.Buffered;
                var quantity = (head[4] << 8) | head[5];
                var plausible = head[1] == ModbusFunctionCodes.WriteMultipleCoils
                    ? quantity is >= 1 and <= ModbusLimits.MaxWriteCoils && head[6] == (quantity + 7) / 8
                    : quantity is >= 1 and <= ModbusLimits.MaxWriteRegisters && head[6] == 2 * quantity;
                return plausible ? 9 + head[6] : DropOne(reader);
            case ModbusFunctionCodes.ReadWriteMultipleRegisters:
                await reader.FillAsync(11, cancellationToken).ConfigureAwait(false);
                var rw = reader.Buffered;
                var writeQuantity = (rw[8] << 8) | rw[9];
                return writeQuantity is >= 1 and <= ModbusLimits.MaxReadWriteWriteRegisters && rw[10] == 2 * writeQuantity
                    ? 13 + rw[10]
                    : DropOne(reader);
            case 0 or >= ModbusFunctionCodes.ExceptionFlag:
                // No request carries function code 0 or the exception flag: this byte is not a frame start.
                return DropOne(reader);
            default:
                return await FindCrcDelimitedAsync(reader, cancellationToken).ConfigureAwait(false);
        }
    }

    private static int DropOne(FrameReader reader)
    {
        reader.Skip();
        return 0;
    }

    /// <summary>
    /// For function codes without a known length: waits for bytes until some prefix of at least 4 bytes ends
    /// in a valid CRC and returns its length. Returns 0 after dropping a byte when a whole maximum-length
    /// frame is buffered without any valid CRC.
    /// </summary>
    private static async ValueTask<int> FindCrcDelimitedAsync(FrameReader reader, CancellationToken cancellationToken)
    {
        await reader.FillAsync(4, cancellationToken).ConfigureAwait(false);
        var checkedUpTo = 3;
        while (true)
        {
            var buffered = reader.Buffered;
            var limit = Math.Min(buffered.Length, MaxFrameLength);
            for (var length = checkedUpTo + 1; length <= limit; length++)
            {
                if (ModbusCrc.Check(buffered[..length]))
                {
                    return length;
                }
            }

            if (limit == MaxFrameLength)
            {
                reader.Skip();
                return 0;
            }

            checkedUpTo = limit;
            await reader.FillAsync(buffered.Length + 1, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsRead(byte functionCode) =>
        functionCode is >= ModbusFunctionCodes.ReadCoils and <= ModbusFunctionCodes.ReadInputRegisters
            or ModbusFunctionCodes.ReadWriteMultipleRegisters;
}
