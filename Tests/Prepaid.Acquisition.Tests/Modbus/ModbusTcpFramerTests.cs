using Prepaid.Acquisition.Modbus;

namespace Prepaid.Acquisition.Tests.Modbus;

public class ModbusTcpFramerTests
{
    private static readonly ModbusPdu ReadRequest = ModbusRequests.ReadHoldingRegisters(0x6B, 3);

    private static byte[] Frame(ushort tid, byte unit, string pduHex) =>
        ModbusTcpFramer.Instance.Encode(tid, unit, ModbusPdu.FromBytes(TestHex.Bytes(pduHex)));

    private static Task<ModbusPdu> ReadResponse(ushort tid, byte unit, params byte[][] chunks) =>
        ModbusTcpFramer.Instance.ReadResponseAsync(new FrameReader(new ScriptedChannel(chunks)), tid, unit, ReadRequest, CancellationToken.None).AsTask();

    [Fact]
    public void Encode_ReadHoldingRegisters_WritesMbapHeader() =>
        Assert.Equal("12 34 00 00 00 06 11 03 00 6B 00 03", TestHex.Text(ModbusTcpFramer.Instance.Encode(0x1234, 0x11, ReadRequest)));

    [Fact]
    public async Task ReadResponse_LateReplyWithOldTransactionId_IsSkipped()
    {
        var pdu = await ReadResponse(8, 1, Frame(7, 1, "03 06 00 00 00 00 00 01"), Frame(8, 1, "03 06 02 2B 00 00 00 64"));
        Assert.Equal("03 06 02 2B 00 00 00 64", pdu.ToString());
    }

    [Fact]
    public async Task ReadResponse_OtherUnit_IsSkipped()
    {
        var pdu = await ReadResponse(8, 1, Frame(8, 2, "03 06 00 00 00 00 00 01"), Frame(8, 1, "03 06 02 2B 00 00 00 64"));
        Assert.Equal("03 06 02 2B 00 00 00 64", pdu.ToString());
    }

    [Theory]
    [InlineData("00 08 00 01 00 06 01 03 06 00 00")]
    [InlineData("00 08 00 00 00 01 01 03")]
    [InlineData("00 08 00 00 01 00 01 03")]
    public async Task ReadResponse_InvalidHeader_ThrowsProtocol(string hex) =>
        await Assert.ThrowsAsync<ModbusProtocolException>(() => ReadResponse(8, 1, TestHex.Bytes(hex)));

    [Fact]
    public async Task ReadResponse_WrongFunctionForTransaction_ThrowsProtocol() =>
        await Assert.ThrowsAsync<ModbusProtocolException>(() => ReadResponse(8, 1, Frame(8, 1, "04 02 00 01")));

    [Fact]
    public async Task ReadResponse_TruncatedFrame_ThrowsCommunication() =>
        await Assert.ThrowsAsync<ModbusCommunicationException>(() => ReadResponse(8, 1, Frame(8, 1, "03 06 02 2B 00 00 00 64")[..10]));

    [Fact]
    public async Task ReadRequest_SpecExample_ReturnsFrame()
    {
        var reader = new FrameReader(new ScriptedChannel([Frame(1, 0xFF, "03 00 6B 00 03")]));
        var frame = await ModbusTcpFramer.Instance.ReadRequestAsync(reader, CancellationToken.None);
        Assert.Equal((1, 0xFF, "03 00 6B 00 03"), (frame.TransactionId, frame.UnitId, frame.Pdu.ToString()));
    }
}
