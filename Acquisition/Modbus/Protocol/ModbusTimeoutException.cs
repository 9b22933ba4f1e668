namespace Prepaid.Acquisition.Modbus;

/// <summary>No valid answer arrived within the per-request timeout.</summary>
public sealed class ModbusTimeoutException : ModbusCommunicationException
{
    /// <summary>Creates the exception.</summary>
    public ModbusTimeoutException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
