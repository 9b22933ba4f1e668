using Prepaid.Acquisition.Modbus;

namespace Prepaid.Acquisition.Tests.Modbus;

public class ModbusRegisterConverterTests
{
    [Fact]
    public void ToUInt32_HighWordFirst_CombinesBigEndian() =>
        Assert.Equal(0x12345678u, ModbusRegisterConverter.ToUInt32([0x1234, 0x5678]));

    [Fact]
    public void ToUInt32_LowWordFirst_SwapsWords() =>
        Assert.Equal(0x12345678u, ModbusRegisterConverter.ToUInt32([0x5678, 0x1234], WordOrder.LowWordFirst));

    [Theory]
    [InlineData(WordOrder.HighWordFirst)]
    [InlineData(WordOrder.LowWordFirst)]
    public void FromInt32_ThenToInt32_RoundTripsExtremes(WordOrder order)
    {
        foreach (var value in new[] { int.MinValue, -1234, -1, 0, 1, int.MaxValue })
        {
            Assert.Equal(value, ModbusRegisterConverter.ToInt32(ModbusRegisterConverter.FromInt32(value, order), order));
        }
    }

    [Fact]
    public void FromInt32_MinusOne_IsAllOnes() =>
        Assert.Equal(new ushort[] { 0xFFFF, 0xFFFF }, ModbusRegisterConverter.FromInt32(-1));

    [Fact]
    public void ToInt16_HighBitSet_IsNegative() => Assert.Equal(-2, ModbusRegisterConverter.ToInt16(0xFFFE));

    [Fact]
    public void ToDecimal_RemainingAmountOverdraft_IsExactNegativeYuan()
    {
        var registers = ModbusRegisterConverter.FromInt32(-1234);
        Assert.Equal(-12.34m, ModbusRegisterConverter.ToDecimal(registers, ModbusValueType.Int32, 0.01m));
    }

    [Fact]
    public void ToDecimal_EnergyU32_IsExact() =>
        Assert.Equal(42949672.95m, ModbusRegisterConverter.ToDecimal([0xFFFF, 0xFFFF], ModbusValueType.UInt32, 0.01m));

    [Fact]
    public void FromDecimal_PricePerKwh_ScalesToRaw() =>
        Assert.Equal(new ushort[] { 0x0000, 0x2710 }, ModbusRegisterConverter.FromDecimal(1.0000m, ModbusValueType.UInt32, 0.0001m));

    [Fact]
    public void FromDecimal_TooManyDecimals_Throws() =>
        Assert.Throws<ArgumentException>(() => ModbusRegisterConverter.FromDecimal(12.345m, ModbusValueType.Int32, 0.01m));

    [Theory]
    [InlineData(65536, ModbusValueType.UInt16)]
    [InlineData(-1, ModbusValueType.UInt16)]
    [InlineData(32768, ModbusValueType.Int16)]
    [InlineData(-32769, ModbusValueType.Int16)]
    [InlineData(4294967296, ModbusValueType.UInt32)]
    [InlineData(2147483648, ModbusValueType.Int32)]
    public void FromRaw_OutOfRange_Throws(long raw, ModbusValueType type) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ModbusRegisterConverter.FromRaw(raw, type));

    [Theory]
    [InlineData(65535, ModbusValueType.UInt16)]
    [InlineData(-32768, ModbusValueType.Int16)]
    [InlineData(4294967295, ModbusValueType.UInt32)]
    [InlineData(-2147483648, ModbusValueType.Int32)]
    public void FromRaw_AtLimit_RoundTrips(long raw, ModbusValueType type) =>
        Assert.Equal(raw, ModbusRegisterConverter.ToRaw(ModbusRegisterConverter.FromRaw(raw, type), type));
}
