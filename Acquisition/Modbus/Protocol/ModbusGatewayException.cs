namespace Prepaid.Acquisition.Modbus;

/// <summary>
/// A gateway answered exception 0x0A (path unavailable) or 0x0B (target device failed to respond):
/// the meter behind it is silent, which is a communication fault rather than an answer.
/// </summary>
public sealed class ModbusGatewayException : ModbusCommunicationException
{
    /// <summary>Creates the exception.</summary>
    public ModbusGatewayException(byte unitId, byte functionCode, ModbusExceptionCode exceptionCode)
        : base($"Gateway reported exception 0x{(byte)exceptionCode:X2} ({exceptionCode}) for unit {unitId}, function 0x{functionCode:X2}.")
    {
        UnitId = unitId;
        FunctionCode = functionCode;
        ExceptionCode = exceptionCode;
    }

    /// <summary>The unit id the request was addressed to.</summary>
    public byte UnitId { get; }

    /// <summary>The function code of the request (without the 0x80 flag).</summary>
    public byte FunctionCode { get; }

    /// <summary>0x0A or 0x0B.</summary>
    public ModbusExceptionCode ExceptionCode { get; }
}
