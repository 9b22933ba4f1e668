using Prepaid.Acquisition.Modbus;

namespace Prepaid.Acquisition.Tests.Modbus;

public class ModbusPduTests
{
    [Fact]
    public void FromBytes_EmptyOrTooLong_Throws()
    {
        Assert.Throws<ArgumentException>(() => ModbusPdu.FromBytes([]));
        Assert.Throws<ArgumentException>(() => ModbusPdu.FromBytes(new byte[254]));
        Assert.Equal(253, ModbusPdu.FromBytes(new byte[253]).Length);
    }

    [Fact]
    public void CreateException_SetsFlagAndCode()
    {
        var pdu = ModbusPdu.CreateException(0x03, ModbusExceptionCode.IllegalDataAddress);
        Assert.Equal("83 02", pdu.ToString());
        Assert.True(pdu.IsException);
        Assert.Equal(ModbusExceptionCode.IllegalDataAddress, pdu.ExceptionCode);
    }

    [Fact]
    public void ExceptionCode_NormalOrMalformed_IsNull()
    {
        Assert.Null(ModbusRequests.ReadCoils(0, 1).ExceptionCode);
        Assert.Null(ModbusPdu.FromBytes([0x83, 0x02, 0x00]).ExceptionCode);
    }

    [Fact]
    public void FromBytes_CopiesInput()
    {
        var bytes = new byte[] { 0x06, 0x00, 0x01, 0x00, 0x03 };
        var pdu = ModbusPdu.FromBytes(bytes);
        bytes[4] = 0xFF;
        Assert.Equal("06 00 01 00 03", pdu.ToString());
        var copy = pdu.ToArray();
        copy[0] = 0;
        Assert.Equal(0x06, pdu.FunctionCode);
    }
}
