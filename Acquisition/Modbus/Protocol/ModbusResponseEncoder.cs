namespace Prepaid.Acquisition.Modbus;

/// <summary>Server side: builds normal response PDUs.</summary>
public static class ModbusResponseEncoder
{
    /// <summary>FC01/02 response carrying <paramref name="values"/> packed LSB first.</summary>
    public static ModbusPdu Bits(byte functionCode, ReadOnlySpan<bool> values)
    {
        var byteCount = (values.Length + 7) / 8;
        var bytes = new byte[2 + byteCount];
        bytes[0] = functionCode;
        bytes[1] = (byte)byteCount;
        ModbusBits.Pack(values, bytes.AsSpan(2));
        return ModbusPdu.Wrap(bytes);
    }

    /// <summary>FC03/04/23 response carrying <paramref name="values"/> big-endian.</summary>
    public static ModbusPdu Registers(byte functionCode, ReadOnlySpan<ushort> values)
    {
        var bytes = new byte[2 + (2 * values.Length)];
        bytes[0] = functionCode;
        bytes[1] = (byte)(2 * values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            bytes[2 + (2 * i)] = (byte)(values[i] >> 8);
            bytes[3 + (2 * i)] = (byte)values[i];
        }

        return ModbusPdu.Wrap(bytes);
    }

    /// <summary>FC15/16 response: function code, address and quantity copied from the request.</summary>
    public static ModbusPdu WriteMultipleEcho(ModbusPdu request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ModbusPdu.FromBytes(request.Span[..5]);
    }
}
