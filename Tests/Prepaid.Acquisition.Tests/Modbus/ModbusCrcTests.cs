using System.Text;
using Prepaid.Acquisition.Modbus;

namespace Prepaid.Acquisition.Tests.Modbus;

public class ModbusCrcTests
{
    // Vectors cross-checked with a bitwise reference implementation and pymodbus.utilities.computeCRC.
    [Theory]
    [InlineData("01 03 00 00 00 0A", "C5 CD")]
    [InlineData("11 03 00 6B 00 03", "76 87")]
    [InlineData("01 04 02 FF FF", "B8 80")]
    [InlineData("01 10 00 57 00 02 04 00 01 00 01", "27 75")]
    public void Write_KnownFrames_ProducesReferenceCrcLowByteFirst(string frame, string crc)
    {
        var buffer = new byte[2];
        ModbusCrc.Write(TestHex.Bytes(frame), buffer);
        Assert.Equal(crc, TestHex.Text(buffer));
    }

    [Fact]
    public void Compute_StandardCheckString_Returns4B37()
    {
        Assert.Equal(0x4B37, ModbusCrc.Compute(Encoding.ASCII.GetBytes("123456789")));
    }

    [Fact]
    public void Check_ValidFrame_ReturnsTrue()
    {
        Assert.True(ModbusCrc.Check(TestHex.Bytes("01 03 00 00 00 0A C5 CD")));
    }

    [Theory]
    [InlineData("01 03 00 00 00 0A CD C5")]
    [InlineData("01 03 00 00 00 0B C5 CD")]
    [InlineData("C5 CD")]
    [InlineData("")]
    public void Check_CorruptOrShortFrame_ReturnsFalse(string frame)
    {
        Assert.False(ModbusCrc.Check(TestHex.Bytes(frame)));
    }

    [Fact]
    public void Compute_RandomData_MatchesBitwiseReference()
    {
        var random = new Random(1234);
        for (var i = 0; i < 500; i++)
        {
            var data = new byte[random.Next(0, 260)];
            random.NextBytes(data);
            Assert.Equal(Bitwise(data), ModbusCrc.Compute(data));
        }
    }

    private static ushort Bitwise(byte[] data)
    {
        ushort crc = 0xFFFF;
        foreach (var b in data)
        {
            crc ^= b;
            for (var i = 0; i < 8; i++)
            {
                crc = (crc & 1) != 0 ? (ushort)((crc >> 1) ^ 0xA001) : (ushort)(crc >> 1);
            }
        }

        return crc;
    }
}
