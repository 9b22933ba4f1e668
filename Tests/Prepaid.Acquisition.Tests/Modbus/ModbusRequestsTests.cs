using Prepaid.Acquisition.Modbus;

namespace Prepaid.Acquisition.Tests.Modbus;

/// <summary>Request frames pinned by the examples of the Modbus Application Protocol specification V1.1b3.</summary>
public class ModbusRequestsTests
{
    [Fact]
    public void ReadCoils_SpecExample_Encodes() =>
        Assert.Equal("01 00 13 00 13", ModbusRequests.ReadCoils(0x13, 19).ToString());

    [Fact]
    public void ReadDiscreteInputs_SpecExample_Encodes() =>
        Assert.Equal("02 00 C4 00 16", ModbusRequests.ReadDiscreteInputs(0xC4, 22).ToString());

    [Fact]
    public void ReadHoldingRegisters_SpecExample_Encodes() =>
        Assert.Equal("03 00 6B 00 03", ModbusRequests.ReadHoldingRegisters(0x6B, 3).ToString());

    [Fact]
    public void ReadInputRegisters_SpecExample_Encodes() =>
        Assert.Equal("04 00 08 00 01", ModbusRequests.ReadInputRegisters(0x08, 1).ToString());

    [Fact]
    public void WriteSingleCoil_SpecExample_Encodes()
    {
        Assert.Equal("05 00 AC FF 00", ModbusRequests.WriteSingleCoil(0xAC, true).ToString());
        Assert.Equal("05 00 AC 00 00", ModbusRequests.WriteSingleCoil(0xAC, false).ToString());
    }

    [Fact]
    public void WriteSingleRegister_SpecExample_Encodes() =>
        Assert.Equal("06 00 01 00 03", ModbusRequests.WriteSingleRegister(0x01, 0x03).ToString());

    [Fact]
    public void WriteMultipleCoils_SpecExample_Encodes()
    {
        // Coils 20..29: CD 01 = 1,0,1,1,0,0,1,1, 1,0
        bool[] values = [true, false, true, true, false, false, true, true, true, false];
        Assert.Equal("0F 00 13 00 0A 02 CD 01", ModbusRequests.WriteMultipleCoils(0x13, values).ToString());
    }

    [Fact]
    public void WriteMultipleRegisters_SpecExample_Encodes() =>
        Assert.Equal("10 00 01 00 02 04 00 0A 01 02", ModbusRequests.WriteMultipleRegisters(0x01, [0x000A, 0x0102]).ToString());

    [Fact]
    public void ReadWriteMultipleRegisters_SpecExample_Encodes() =>
        Assert.Equal("17 00 03 00 06 00 0E 00 03 06 00 FF 00 FF 00 FF",
            ModbusRequests.ReadWriteMultipleRegisters(0x03, 6, 0x0E, [0xFF, 0xFF, 0xFF]).ToString());

    [Fact]
    public void ReadHoldingRegisters_AddressZeroAndLast_Encodes()
    {
        Assert.Equal("03 00 00 00 01", ModbusRequests.ReadHoldingRegisters(0, 1).ToString());
        Assert.Equal("03 FF FF 00 01", ModbusRequests.ReadHoldingRegisters(65535, 1).ToString());
    }

    [Fact]
    public void ReadHoldingRegisters_EndsExactlyAt65536_Encodes() =>
        Assert.Equal("03 FF 83 00 7D", ModbusRequests.ReadHoldingRegisters(65536 - 125, 125).ToString());

    [Fact]
    public void ReadHoldingRegisters_PassesEndOfTable_Throws()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ModbusRequests.ReadHoldingRegisters(65535, 2));
        Assert.Contains("65536", ex.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, int, Func<int, ModbusPdu>> Limits() => new()
    {
        { "coils", 2000, n => ModbusRequests.ReadCoils(0, n) },
        { "inputs", 2000, n => ModbusRequests.ReadDiscreteInputs(0, n) },
        { "holding", 125, n => ModbusRequests.ReadHoldingRegisters(0, n) },
        { "input registers", 125, n => ModbusRequests.ReadInputRegisters(0, n) },
        { "write coils", 1968, n => ModbusRequests.WriteMultipleCoils(0, new bool[n]) },
        { "write registers", 123, n => ModbusRequests.WriteMultipleRegisters(0, new ushort[n]) },
        { "fc23 read", 125, n => ModbusRequests.ReadWriteMultipleRegisters(0, n, 0, [1]) },
        { "fc23 write", 121, n => ModbusRequests.ReadWriteMultipleRegisters(0, 1, 0, new ushort[n]) },
    };

    [Theory]
    [MemberData(nameof(Limits))]
    public void Encode_CountAtLimit_Succeeds(string name, int limit, Func<int, ModbusPdu> encode)
    {
        Assert.NotNull(name);
        Assert.NotNull(encode(limit));
        Assert.NotNull(encode(1));
    }

    [Theory]
    [MemberData(nameof(Limits))]
    public void Encode_CountAboveLimitOrZero_ThrowsNamingTheLimit(string name, int limit, Func<int, ModbusPdu> encode)
    {
        Assert.NotNull(name);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => encode(limit + 1));
        Assert.Contains($"limit {limit}", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => encode(0));
    }

    [Fact]
    public void Create_VendorPrivateFunction_KeepsBytes() =>
        Assert.Equal("20 01 02 03", ModbusPdu.Create(0x20, [1, 2, 3]).ToString());

    [Fact]
    public void Create_DataTooLong_Throws() =>
        Assert.Throws<ArgumentException>(() => ModbusPdu.Create(0x20, new byte[253]));
}
