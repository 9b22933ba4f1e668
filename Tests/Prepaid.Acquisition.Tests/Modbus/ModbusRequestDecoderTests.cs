using Prepaid.Acquisition.Modbus;

namespace Prepaid.Acquisition.Tests.Modbus;

public class ModbusRequestDecoderTests
{
    private static ModbusPdu Pdu(string hex) => ModbusPdu.FromBytes(TestHex.Bytes(hex));

    [Fact]
    public void DecodeRead_SpecExample_ReturnsRange() =>
        Assert.Equal(new ModbusReadRequest(0x6B, 3), ModbusRequestDecoder.DecodeRead(Pdu("03 00 6B 00 03")));

    [Fact]
    public void DecodeRead_CountAboveLimit_ThrowsIllegalDataValue()
    {
        var ex = Assert.Throws<ModbusExceptionResponseException>(() => ModbusRequestDecoder.DecodeRead(Pdu("03 00 00 00 7E")));
        Assert.Equal(ModbusExceptionCode.IllegalDataValue, ex.ExceptionCode);
        Assert.Equal(new ModbusReadRequest(0, 125), ModbusRequestDecoder.DecodeRead(Pdu("03 00 00 00 7D")));
        Assert.Equal(new ModbusReadRequest(0, 2000), ModbusRequestDecoder.DecodeRead(Pdu("01 00 00 07 D0")));
        Assert.Throws<ModbusExceptionResponseException>(() => ModbusRequestDecoder.DecodeRead(Pdu("01 00 00 07 D1")));
    }

    [Fact]
    public void DecodeRead_PassesEndOfTable_ThrowsIllegalDataAddress()
    {
        var ex = Assert.Throws<ModbusExceptionResponseException>(() => ModbusRequestDecoder.DecodeRead(Pdu("03 FF FF 00 02")));
        Assert.Equal(ModbusExceptionCode.IllegalDataAddress, ex.ExceptionCode);
    }

    [Fact]
    public void DecodeWriteSingleCoil_InvalidValue_ThrowsIllegalDataValue()
    {
        Assert.Equal(((ushort)0xAC, true), ModbusRequestDecoder.DecodeWriteSingleCoil(Pdu("05 00 AC FF 00")));
        var ex = Assert.Throws<ModbusExceptionResponseException>(() => ModbusRequestDecoder.DecodeWriteSingleCoil(Pdu("05 00 AC 00 01")));
        Assert.Equal(ModbusExceptionCode.IllegalDataValue, ex.ExceptionCode);
    }

    [Fact]
    public void DecodeWriteMultipleCoils_SpecExample_ReturnsValues()
    {
        var (address, values) = ModbusRequestDecoder.DecodeWriteMultipleCoils(Pdu("0F 00 13 00 0A 02 CD 01"));
        Assert.Equal(0x13, address);
        Assert.Equal([true, false, true, true, false, false, true, true, true, false], values);
    }

    [Fact]
    public void DecodeWriteMultipleRegisters_SpecExample_ReturnsValues()
    {
        var (address, values) = ModbusRequestDecoder.DecodeWriteMultipleRegisters(Pdu("10 00 01 00 02 04 00 0A 01 02"));
        Assert.Equal(1, address);
        Assert.Equal(new ushort[] { 0x0A, 0x0102 }, values);
    }

    [Theory]
    [InlineData("10 00 01 00 02 03 00 0A 01")]
    [InlineData("10 00 01 00 02 04 00 0A 01")]
    [InlineData("10 00 01 00 00 00")]
    [InlineData("10 00 01")]
    public void DecodeWriteMultipleRegisters_Malformed_ThrowsIllegalDataValue(string hex)
    {
        var ex = Assert.Throws<ModbusExceptionResponseException>(() => ModbusRequestDecoder.DecodeWriteMultipleRegisters(Pdu(hex)));
        Assert.Equal(ModbusExceptionCode.IllegalDataValue, ex.ExceptionCode);
    }

    [Fact]
    public void DecodeReadWriteMultipleRegisters_SpecExample_ReturnsParts()
    {
        var request = ModbusRequestDecoder.DecodeReadWriteMultipleRegisters(Pdu("17 00 03 00 06 00 0E 00 03 06 00 FF 00 FF 00 FF"));
        Assert.Equal(3, request.ReadAddress);
        Assert.Equal(6, request.ReadCount);
        Assert.Equal(0x0E, request.WriteAddress);
        Assert.Equal(new ushort[] { 0xFF, 0xFF, 0xFF }, request.Values);
    }

    [Fact]
    public void EncodeThenDecode_WriteLimits_RoundTrip()
    {
        var coils = Enumerable.Range(0, 1968).Select(i => i % 3 == 0).ToArray();
        Assert.Equal(coils, ModbusRequestDecoder.DecodeWriteMultipleCoils(ModbusRequests.WriteMultipleCoils(65536 - 1968, coils)).Values);
        var regs = Enumerable.Range(0, 123).Select(i => (ushort)(i * 500)).ToArray();
        Assert.Equal(regs, ModbusRequestDecoder.DecodeWriteMultipleRegisters(ModbusRequests.WriteMultipleRegisters(0, regs)).Values);
    }
}
