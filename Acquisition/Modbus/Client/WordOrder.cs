namespace Prepaid.Acquisition.Modbus;

/// <summary>Order of the two registers of a 32-bit value; each register is big-endian either way.</summary>
public enum WordOrder
{
    /// <summary>High word at the lower address (the meters' default, "ABCD").</summary>
    HighWordFirst,

    /// <summary>Low word at the lower address ("CDAB").</summary>
    LowWordFirst,
}
