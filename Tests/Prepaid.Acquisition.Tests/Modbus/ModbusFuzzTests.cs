using Prepaid.Acquisition.Modbus;

namespace Prepaid.Acquisition.Tests.Modbus;

/// <summary>
/// Random, truncated and corrupted input to every decoder and framer (fixed seeds): the only exceptions
/// allowed are the documented <see cref="ModbusException"/> family, and nothing hangs.
/// </summary>
public class ModbusFuzzTests
{
    private const int Cases = 3000;

    [Fact]
    public void ResponseDecoders_RandomAndMutatedResponses_ThrowOnlyModbusExceptions()
    {
        var random = new Random(20261123);
        for (var i = 0; i < Cases; i++)
        {
            var request = RandomRequest(random);
            var response = random.Next(3) switch
            {
                0 => RandomPdu(random, request.FunctionCode),
                1 => Mutate(random, ValidResponse(random, request)),
                _ => ValidResponse(random, request),
            };

            Guard(() =>
            {
                switch (request.FunctionCode)
                {
                    case <= ModbusFunctionCodes.ReadDiscreteInputs:
                        Assert.Equal(ReadCount(request), ModbusResponses.ReadBits(1, request, response).Length);
                        break;
                    case <= ModbusFunctionCodes.ReadInputRegisters or ModbusFunctionCodes.ReadWriteMultipleRegisters:
                        Assert.Equal(ReadCount(request), ModbusResponses.ReadRegisters(1, request, response).Length);
                        break;
                    default:
                        ModbusResponses.CheckWrite(1, request, response);
                        break;
                }
            });
        }
    }

    [Fact]
    public void RequestDecoder_RandomAndMutatedRequests_ThrowOnlyModbusExceptions()
    {
        var random = new Random(4711);
        for (var i = 0; i < Cases; i++)
        {
            var valid = RandomRequest(random);
            var pdu = random.Next(2) == 0 ? Mutate(random, valid) : RandomPdu(random, valid.FunctionCode);
            Guard(() =>
            {
                switch (pdu.FunctionCode)
                {
                    case >= ModbusFunctionCodes.ReadCoils and <= ModbusFunctionCodes.ReadInputRegisters:
                        ModbusRequestDecoder.DecodeRead(pdu);
                        break;
                    case ModbusFunctionCodes.WriteSingleCoil:
                        ModbusRequestDecoder.DecodeWriteSingleCoil(pdu);
                        break;
                    case ModbusFunctionCodes.WriteSingleRegister:
                        ModbusRequestDecoder.DecodeWriteSingleRegister(pdu);
                        break;
                    case ModbusFunctionCodes.WriteMultipleCoils:
                        ModbusRequestDecoder.DecodeWriteMultipleCoils(pdu);
                        break;
                    case ModbusFunctionCodes.WriteMultipleRegisters:
                        ModbusRequestDecoder.DecodeWriteMultipleRegisters(pdu);
                        break;
                    case ModbusFunctionCodes.ReadWriteMultipleRegisters:
                        ModbusRequestDecoder.DecodeReadWriteMultipleRegisters(pdu);
                        break;
                }
            });
        }
    }

    [Theory]
    [InlineData(ModbusFraming.Rtu, 11)]
    [InlineData(ModbusFraming.Tcp, 12)]
    public async Task Framers_RandomTruncatedCorruptedStreams_EndWithModbusExceptionOrValidPdu(ModbusFraming framing, int seed)
    {
        var framer = IModbusFramer.For(framing);
        var random = new Random(seed);
        var work = Task.Run(async () =>
        {
            for (var i = 0; i < Cases; i++)
            {
                var request = RandomRequest(random);
                var valid = framer.Encode(7, 1, ValidResponse(random, request));
                byte[] stream = random.Next(4) switch
                {
                    0 => RandomBytes(random, random.Next(0, 300)),
                    1 => valid[..random.Next(0, valid.Length)],
                    2 => MutateBytes(random, valid),
                    _ => [.. RandomBytes(random, random.Next(0, 20)), .. valid],
                };

                var chunks = stream.Chunk(random.Next(1, 16)).ToArray();
                await GuardAsync(async () =>
                {
                    var pdu = await framer.ReadResponseAsync(new FrameReader(new ScriptedChannel(chunks)), 7, 1, request, CancellationToken.None);
                    Assert.True(pdu.FunctionCode == request.FunctionCode || pdu.FunctionCode == (request.FunctionCode | 0x80));
                });
                await GuardAsync(async () =>
                {
                    var frame = await framer.ReadRequestAsync(new FrameReader(new ScriptedChannel(chunks)), CancellationToken.None);
                    Assert.NotNull(frame.Pdu);
                });
            }
        });

        await work.WaitAsync(TimeSpan.FromSeconds(20));
    }

    private static void Guard(Action action)
    {
        try
        {
            action();
        }
        catch (ModbusException ex)
        {
            Assert.False(string.IsNullOrWhiteSpace(ex.Message));
        }
    }

    private static async Task GuardAsync(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (ModbusException ex)
        {
            Assert.False(string.IsNullOrWhiteSpace(ex.Message));
        }
    }

    private static int ReadCount(ModbusPdu request) => (request.Span[3] << 8) | request.Span[4];

    private static ModbusPdu RandomRequest(Random random)
    {
        var address = (ushort)random.Next(0, 60000);
        return random.Next(9) switch
        {
            0 => ModbusRequests.ReadCoils(address, random.Next(1, 2001)),
            1 => ModbusRequests.ReadDiscreteInputs(address, random.Next(1, 2001)),
            2 => ModbusRequests.ReadHoldingRegisters(address, random.Next(1, 126)),
            3 => ModbusRequests.ReadInputRegisters(address, random.Next(1, 126)),
            4 => ModbusRequests.WriteSingleCoil(address, random.Next(2) == 0),
            5 => ModbusRequests.WriteSingleRegister(address, (ushort)random.Next(65536)),
            6 => ModbusRequests.WriteMultipleCoils(address, new bool[random.Next(1, 1969)]),
            7 => ModbusRequests.WriteMultipleRegisters(address, new ushort[random.Next(1, 124)]),
            _ => ModbusRequests.ReadWriteMultipleRegisters(address, random.Next(1, 126), address, new ushort[random.Next(1, 122)]),
        };
    }

    private static ModbusPdu ValidResponse(Random random, ModbusPdu request)
    {
        if (random.Next(10) == 0)
        {
            return ModbusPdu.CreateException(request.FunctionCode, (ModbusExceptionCode)random.Next(1, 12));
        }

        var count = ReadCount(request);
        return request.FunctionCode switch
        {
            <= ModbusFunctionCodes.ReadDiscreteInputs => ModbusResponseEncoder.Bits(request.FunctionCode, new bool[count]),
            <= ModbusFunctionCodes.ReadInputRegisters or ModbusFunctionCodes.ReadWriteMultipleRegisters =>
                ModbusResponseEncoder.Registers(request.FunctionCode, new ushort[count]),
            ModbusFunctionCodes.WriteSingleCoil or ModbusFunctionCodes.WriteSingleRegister => request,
            _ => ModbusResponseEncoder.WriteMultipleEcho(request),
        };
    }

    private static ModbusPdu RandomPdu(Random random, byte functionCode)
    {
        var bytes = RandomBytes(random, random.Next(1, 254));
        bytes[0] = random.Next(4) == 0 ? (byte)random.Next(256) : functionCode;
        return ModbusPdu.FromBytes(bytes);
    }

    private static ModbusPdu Mutate(Random random, ModbusPdu pdu)
    {
        var bytes = MutateBytes(random, pdu.ToArray());
        return bytes.Length == 0 ? pdu : ModbusPdu.FromBytes(bytes[..Math.Min(bytes.Length, 253)]);
    }

    private static byte[] MutateBytes(Random random, byte[] bytes)
    {
        var copy = (byte[])bytes.Clone();
        switch (random.Next(3))
        {
            case 0 when copy.Length > 0:
                copy[random.Next(copy.Length)] ^= (byte)random.Next(1, 256);
                return copy;
            case 1:
                return copy[..random.Next(0, copy.Length + 1)];
            default:
                return [.. copy, .. RandomBytes(random, random.Next(1, 5))];
        }
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
