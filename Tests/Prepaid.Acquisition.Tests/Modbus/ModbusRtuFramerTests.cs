using Prepaid.Acquisition.Modbus;

namespace Prepaid.Acquisition.Tests.Modbus;

public class ModbusRtuFramerTests
{
    private static readonly ModbusPdu ReadRequest = ModbusRequests.ReadHoldingRegisters(0x6B, 3);

    private static byte[] Frame(byte unit, string pduHex) =>
        ModbusRtuFramer.Instance.Encode(0, unit, ModbusPdu.FromBytes(TestHex.Bytes(pduHex)));

    private static Task<ModbusPdu> ReadResponse(byte unit, ModbusPdu request, params byte[][] chunks) =>
        ModbusRtuFramer.Instance.ReadResponseAsync(new FrameReader(new ScriptedChannel(chunks)), 0, unit, request, CancellationToken.None).AsTask();

    [Fact]
    public void Encode_ReadHoldingRegisters_AppendsCrcLowByteFirst() =>
        Assert.Equal("01 03 00 00 00 0A C5 CD", TestHex.Text(ModbusRtuFramer.Instance.Encode(0, 1, ModbusRequests.ReadHoldingRegisters(0, 10))));

    [Fact]
    public void Encode_SerialLineSpecExample_Matches() =>
        Assert.Equal("11 03 00 6B 00 03 76 87", TestHex.Text(ModbusRtuFramer.Instance.Encode(0, 0x11, ReadRequest)));

    [Fact]
    public async Task ReadResponse_ValidFrameInPieces_ReturnsPdu()
    {
        var frame = Frame(0x11, "03 06 02 2B 00 00 00 64");
        var pdu = await ReadResponse(0x11, ReadRequest, frame[..1], frame[1..4], frame[4..]);
        Assert.Equal("03 06 02 2B 00 00 00 64", pdu.ToString());
    }

    [Fact]
    public async Task ReadResponse_GarbageBeforeFrame_Resynchronises()
    {
        var pdu = await ReadResponse(0x11, ReadRequest, [0x11, 0x03, 0x06, 0xFF, 0x00, 0x11], Frame(0x11, "03 06 02 2B 00 00 00 64"));
        Assert.Equal("03 06 02 2B 00 00 00 64", pdu.ToString());
    }

    [Fact]
    public async Task ReadResponse_CorruptCrcThenValidFrame_SkipsCorruptFrame()
    {
        var bad = Frame(0x11, "03 06 00 00 00 00 00 01");
        bad[^1] ^= 0xFF;
        var pdu = await ReadResponse(0x11, ReadRequest, bad, Frame(0x11, "03 06 02 2B 00 00 00 64"));
        Assert.Equal("03 06 02 2B 00 00 00 64", pdu.ToString());
    }

    [Fact]
    public async Task ReadResponse_OtherUnitAndWrongByteCount_AreSkipped()
    {
        var pdu = await ReadResponse(0x11, ReadRequest,
            Frame(0x12, "03 06 00 00 00 00 00 01"), Frame(0x11, "03 02 00 01"), Frame(0x11, "03 06 02 2B 00 00 00 64"));
        Assert.Equal("03 06 02 2B 00 00 00 64", pdu.ToString());
    }

    [Fact]
    public async Task ReadResponse_ExceptionFrame_ReturnsExceptionPdu()
    {
        var pdu = await ReadResponse(0x11, ReadRequest, Frame(0x11, "83 0B"));
        Assert.Equal(ModbusExceptionCode.GatewayTargetDeviceFailedToRespond, pdu.ExceptionCode);
    }

    [Fact]
    public async Task ReadResponse_VendorPrivateFunction_DelimitedByCrc()
    {
        var request = ModbusPdu.Create(0x20, [0x01, 0x02]);
        var pdu = await ReadResponse(1, request, [0x00, 0x20], Frame(1, "20 01 02 03 04 05"));
        Assert.Equal("20 01 02 03 04 05", pdu.ToString());
    }

    [Fact]
    public async Task ReadResponse_StreamEndsBeforeValidFrame_ThrowsCommunication()
    {
        var bad = Frame(0x11, "03 06 00 00 00 00 00 01");
        bad[3] ^= 0x01;
        await Assert.ThrowsAsync<ModbusCommunicationException>(() => ReadResponse(0x11, ReadRequest, bad));
    }

    [Fact]
    public async Task ReadRequest_GarbageThenRequests_ReturnsEachRequest()
    {
        var reader = new FrameReader(new ScriptedChannel([
            [0xFF, 0x10, 0x00],
            Frame(5, "10 00 01 00 02 04 00 0A 01 02"),
            Frame(6, "17 00 03 00 06 00 0E 00 03 06 00 FF 00 FF 00 FF"),
            Frame(7, "41 AA BB"),
            Frame(8, "03 00 6B 00 03"),
        ]));
        var first = await ModbusRtuFramer.Instance.ReadRequestAsync(reader, CancellationToken.None);
        var second = await ModbusRtuFramer.Instance.ReadRequestAsync(reader, CancellationToken.None);
        var third = await ModbusRtuFramer.Instance.ReadRequestAsync(reader, CancellationToken.None);
        var fourth = await ModbusRtuFramer.Instance.ReadRequestAsync(reader, CancellationToken.None);
        Assert.Equal((5, "10 00 01 00 02 04 00 0A 01 02"), (first.UnitId, first.Pdu.ToString()));
        Assert.Equal(6, second.UnitId);
        Assert.Equal((7, "41 AA BB"), (third.UnitId, third.Pdu.ToString()));
        Assert.Equal((8, "03 00 6B 00 03"), (fourth.UnitId, fourth.Pdu.ToString()));
    }
}
