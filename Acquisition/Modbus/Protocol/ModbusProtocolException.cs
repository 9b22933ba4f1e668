namespace Prepaid.Acquisition.Modbus;

/// <summary>
/// Bytes were received but do not form a valid answer to the request (bad header, CRC, byte count,
/// function code or echo). Decoders throw only this type for malformed input.
/// </summary>
public sealed class ModbusProtocolException : ModbusCommunicationException
{
    /// <summary>Creates the exception.</summary>
    public ModbusProtocolException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
