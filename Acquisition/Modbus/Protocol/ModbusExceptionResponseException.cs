namespace Prepaid.Acquisition.Modbus;

/// <summary>
/// The device answered with a Modbus exception response (for example 02 illegal address): a valid answer
/// meaning "no". Also thrown by server-side request decoding to say which exception to answer.
/// </summary>
public sealed class ModbusExceptionResponseException : ModbusException
{
    /// <summary>Creates the exception.</summary>
    public ModbusExceptionResponseException(byte functionCode, ModbusExceptionCode exceptionCode, string? detail = null)
        : base($"Modbus exception 0x{(byte)exceptionCode:X2} ({exceptionCode}) for function 0x{functionCode:X2}" +
               (detail is null ? "." : $": {detail}"))
    {
        FunctionCode = functionCode;
        ExceptionCode = exceptionCode;
    }

    /// <summary>The function code of the request (without the 0x80 flag).</summary>
    public byte FunctionCode { get; }

    /// <summary>The exception code the device sent.</summary>
    public ModbusExceptionCode ExceptionCode { get; }
}
