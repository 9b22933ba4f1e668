using System.Buffers.Binary;

namespace Prepaid.Acquisition.Modbus;

/// <summary>
/// Modbus TCP (MBAP) framing. Frames with another transaction id (late replies to timed-out requests) or
/// another unit id are skipped. A header with a non-zero protocol id or an impossible length means the byte
/// stream is out of step, which TCP cannot recover from: that throws, and the client reconnects.
/// </summary>
internal sealed class ModbusTcpFramer : IModbusFramer
{
    public static readonly ModbusTcpFramer Instance = new();

    private const int HeaderLength = 7;

    public bool FlushBeforeRequest => false;

    public byte[] Encode(ushort transactionId, byte unitId, ModbusPdu pdu)
    {
        var frame = new byte[HeaderLength + pdu.Length];
        BinaryPrimitives.WriteUInt16BigEndian(frame, transactionId);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(4), (ushort)(pdu.Length + 1));
        frame[6] = unitId;
        pdu.Span.CopyTo(frame.AsSpan(HeaderLength));
        return frame;
    }

    public async ValueTask<ModbusPdu> ReadResponseAsync(FrameReader reader, ushort transactionId, byte unitId, ModbusPdu request, CancellationToken cancellationToken)
    {
        while (true)
        {
            var frame = await ReadFrameAsync(reader, cancellationToken).ConfigureAwait(false);
            if (frame.TransactionId != transactionId || frame.UnitId != unitId)
            {
                continue;
            }

            var fc = frame.Pdu.FunctionCode;
            if (fc != request.FunctionCode && fc != (request.FunctionCode | ModbusFunctionCodes.ExceptionFlag))
            {
                throw new ModbusProtocolException(
                    $"Transaction {transactionId}: response function 0x{fc:X2} does not match request 0x{request.FunctionCode:X2}.");
            }

            return frame.Pdu;
        }
    }

    public ValueTask<ModbusFrame> ReadRequestAsync(FrameReader reader, CancellationToken cancellationToken) =>
        ReadFrameAsync(reader, cancellationToken);

    private static async ValueTask<ModbusFrame> ReadFrameAsync(FrameReader reader, CancellationToken cancellationToken)
    {
        await reader.FillAsync(HeaderLength, cancellationToken).ConfigureAwait(false);
        var header = reader.Buffered;
        var transactionId = BinaryPrimitives.ReadUInt16BigEndian(header);
        var protocolId = BinaryPrimitives.ReadUInt16BigEndian(header[2..]);
        var length = BinaryPrimitives.ReadUInt16BigEndian(header[4..]);
        if (protocolId != 0 || length < 2 || length > ModbusLimits.MaxPduLength + 1)
        {
            throw new ModbusProtocolException(
                $"Invalid MBAP header {Hex.Format(header[..HeaderLength])}: protocol id must be 0 and length 2..254.");
        }

        await reader.FillAsync(6 + length, cancellationToken).ConfigureAwait(false);
        var buffered = reader.Buffered;
        var frame = new ModbusFrame(transactionId, buffered[6], ModbusPdu.FromBytes(buffered[HeaderLength..(6 + length)]));
        reader.Consume(6 + length);
        return frame;
    }
}
