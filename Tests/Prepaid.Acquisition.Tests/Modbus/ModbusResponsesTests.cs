using Prepaid.Acquisition.Modbus;

namespace Prepaid.Acquisition.Tests.Modbus;

/// <summary>Response decoding pinned by the specification examples, plus validation against the request.</summary>
public class ModbusResponsesTests
{
    private static ModbusPdu Pdu(string hex) => ModbusPdu.FromBytes(TestHex.Bytes(hex));

    [Fact]
    public void ReadBits_SpecExampleCoils_Decodes()
    {
        var bits = ModbusResponses.ReadBits(1, ModbusRequests.ReadCoils(0x13, 19), Pdu("01 03 CD 6B 05"));
        Assert.Equal(19, bits.Length);
        Assert.Equal([true, false, true, true, false, false, true, true], bits[..8]);
        Assert.Equal([true, true, false, true, false, true, true, false], bits[8..16]);
        Assert.Equal([true, false, true], bits[16..]);
    }

    [Fact]
    public void ReadBits_SpecExampleInputs_Decodes()
    {
        var bits = ModbusResponses.ReadBits(1, ModbusRequests.ReadDiscreteInputs(0xC4, 22), Pdu("02 03 AC DB 35"));
        Assert.Equal(22, bits.Length);
        Assert.False(bits[0]);
        Assert.True(bits[2]);
        Assert.True(bits[21]);
    }

    [Fact]
    public void ReadRegisters_SpecExampleHolding_Decodes() =>
        Assert.Equal(new ushort[] { 0x022B, 0x0000, 0x0064 },
            ModbusResponses.ReadRegisters(1, ModbusRequests.ReadHoldingRegisters(0x6B, 3), Pdu("03 06 02 2B 00 00 00 64")));

    [Fact]
    public void ReadRegisters_SpecExampleInput_Decodes() =>
        Assert.Equal(new ushort[] { 0x000A },
            ModbusResponses.ReadRegisters(1, ModbusRequests.ReadInputRegisters(0x08, 1), Pdu("04 02 00 0A")));

    [Fact]
    public void ReadRegisters_SpecExampleReadWrite_Decodes() =>
        Assert.Equal(new ushort[] { 0x00FE, 0x0ACD, 0x0001, 0x0003, 0x000D, 0x00FF },
            ModbusResponses.ReadRegisters(1, ModbusRequests.ReadWriteMultipleRegisters(0x03, 6, 0x0E, [0xFF, 0xFF, 0xFF]),
                Pdu("17 0C 00 FE 0A CD 00 01 00 03 00 0D 00 FF")));

    [Theory]
    [InlineData("05 00 AC FF 00")]
    [InlineData("06 00 01 00 03")]
    public void CheckWrite_SingleEcho_Accepts(string hex) =>
        ModbusResponses.CheckWrite(1, Pdu(hex), Pdu(hex));

    [Fact]
    public void CheckWrite_MultipleEcho_Accepts()
    {
        ModbusResponses.CheckWrite(1, ModbusRequests.WriteMultipleCoils(0x13, new bool[10]), Pdu("0F 00 13 00 0A"));
        ModbusResponses.CheckWrite(1, ModbusRequests.WriteMultipleRegisters(0x01, [0x000A, 0x0102]), Pdu("10 00 01 00 02"));
    }

    [Fact]
    public void CheckWrite_WrongEcho_ThrowsProtocol() =>
        Assert.Throws<ModbusProtocolException>(() =>
            ModbusResponses.CheckWrite(1, ModbusRequests.WriteSingleRegister(1, 3), Pdu("06 00 01 00 04")));

    [Fact]
    public void ReadRegisters_SpecExceptionExample_ThrowsWithCode()
    {
        var ex = Assert.Throws<ModbusExceptionResponseException>(() =>
            ModbusResponses.ReadBits(1, ModbusRequests.ReadCoils(0x04A1, 1), Pdu("81 02")));
        Assert.Equal(ModbusExceptionCode.IllegalDataAddress, ex.ExceptionCode);
        Assert.Equal(0x01, ex.FunctionCode);
    }

    [Theory]
    [InlineData(0x0A)]
    [InlineData(0x0B)]
    public void ThrowIfException_GatewayCodes_ThrowCommunicationFault(byte code)
    {
        var ex = Assert.Throws<ModbusGatewayException>(() =>
            ModbusResponses.ReadRegisters(7, ModbusRequests.ReadHoldingRegisters(0, 1), ModbusPdu.Create(0x83, [code])));
        Assert.IsAssignableFrom<ModbusCommunicationException>(ex);
        Assert.Equal(7, ex.UnitId);
        Assert.Equal((ModbusExceptionCode)code, ex.ExceptionCode);
    }

    [Theory]
    [InlineData("03 04 00 01 00 02")]
    [InlineData("03 06 00 01 00 02")]
    [InlineData("03 06 00 01 00 02 00")]
    [InlineData("04 06 00 01 00 02 00 03")]
    [InlineData("83 02 00")]
    [InlineData("03")]
    public void ReadRegisters_MismatchedResponse_ThrowsProtocol(string hex) =>
        Assert.Throws<ModbusProtocolException>(() =>
            ModbusResponses.ReadRegisters(1, ModbusRequests.ReadHoldingRegisters(0, 3), Pdu(hex)));

    [Fact]
    public void ExpectedLength_KnownAndPrivateFunctions_ReturnsPduLength()
    {
        Assert.Equal(5, ModbusResponses.ExpectedLength(ModbusRequests.ReadCoils(0, 19)));
        Assert.Equal(8, ModbusResponses.ExpectedLength(ModbusRequests.ReadHoldingRegisters(0, 3)));
        Assert.Equal(5, ModbusResponses.ExpectedLength(ModbusRequests.WriteSingleCoil(0, true)));
        Assert.Null(ModbusResponses.ExpectedLength(ModbusPdu.Create(0x20, [1])));
    }
}
