namespace Prepaid.Acquisition.Modbus;

/// <summary>
/// No usable answer came back: timeout, connection lost, malformed or corrupted reply, or a gateway
/// reporting that the target is unreachable. This is a communication fault, never meter data.
/// </summary>
public class ModbusCommunicationException : ModbusException
{
    /// <summary>Creates the exception.</summary>
    public ModbusCommunicationException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
