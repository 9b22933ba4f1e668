namespace Prepaid.Acquisition.Modbus;

/// <summary>Base of every exception this Modbus stack throws on purpose.</summary>
public abstract class ModbusException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected ModbusException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
