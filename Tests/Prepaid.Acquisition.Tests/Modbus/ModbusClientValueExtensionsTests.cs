using Prepaid.Acquisition.Modbus;

namespace Prepaid.Acquisition.Tests.Modbus;

public class ModbusClientValueExtensionsTests
{
    [Fact]
    public async Task ReadDecimalAsync_MeterBlockValues_AreExact()
    {
        await using var harness = ServerHarness.Start(ModbusFraming.Rtu);
        harness.Bank.SetRegisters(ModbusTable.HoldingRegisters, 0x0215, ModbusRegisterConverter.FromUInt32(123456789));
        harness.Bank.SetRegisters(ModbusTable.HoldingRegisters, 0x021F, ModbusRegisterConverter.FromInt32(-505));
        harness.Bank.SetRegisters(ModbusTable.HoldingRegisters, 0x0207, ModbusRegisterConverter.FromInt16(-1500));
        var client = harness.Client();

        Assert.Equal(1234567.89m, await client.ReadDecimalAsync(1, 0x0215, ModbusValueType.UInt32, 0.01m));
        Assert.Equal(-5.05m, await client.ReadDecimalAsync(1, 0x021F, ModbusValueType.Int32, 0.01m));
        Assert.Equal(-1.500m, await client.ReadDecimalAsync(1, 0x0207, ModbusValueType.Int16, 0.001m));
        Assert.Equal(-1500, await client.ReadInt16Async(1, 0x0207));
    }

    [Theory]
    [InlineData(WordOrder.HighWordFirst, 0x0001, 0xE240)]
    [InlineData(WordOrder.LowWordFirst, 0xE240, 0x0001)]
    public async Task WriteValueAsync_WordOrder_PlacesWords(WordOrder order, ushort first, ushort second)
    {
        await using var harness = ServerHarness.Start(ModbusFraming.Tcp);
        var client = harness.Client();
        await client.WriteValueAsync(1, 10, 123456, ModbusValueType.UInt32, order);
        Assert.Equal(first, harness.Bank.GetRegister(ModbusTable.HoldingRegisters, 10));
        Assert.Equal(second, harness.Bank.GetRegister(ModbusTable.HoldingRegisters, 11));
        Assert.Equal(123456u, await client.ReadUInt32Async(1, 10, order));
    }

    [Fact]
    public async Task WriteDecimalAsync_ThenRead_RoundTripsSignedAndUnsigned()
    {
        await using var harness = ServerHarness.Start(ModbusFraming.Tcp);
        var client = harness.Client();
        await client.WriteDecimalAsync(1, 0x0414, -99.99m, ModbusValueType.Int32, 0.01m);
        await client.WriteDecimalAsync(1, 0x0402, 1.2345m, ModbusValueType.UInt32, 0.0001m);
        await client.WriteValueAsync(1, 0x0401, 7, ModbusValueType.UInt16);
        Assert.Equal(-9999, await client.ReadInt32Async(1, 0x0414));
        Assert.Equal(1.2345m, await client.ReadDecimalAsync(1, 0x0402, ModbusValueType.UInt32, 0.0001m));
        Assert.Equal(7, await client.ReadUInt16Async(1, 0x0401));
    }

    [Fact]
    public async Task ReadValueAsync_InputRegisters_UsesFunction04()
    {
        await using var harness = ServerHarness.Start(ModbusFraming.Tcp);
        harness.Bank.SetRegisters(ModbusTable.InputRegisters, 0, 0x0000, 0x3039);
        Assert.Equal(12345, await harness.Client().ReadValueAsync(1, 0, ModbusValueType.UInt32, table: ModbusTable.InputRegisters));
    }
}
