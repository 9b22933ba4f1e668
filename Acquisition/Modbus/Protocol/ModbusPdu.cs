namespace Prepaid.Acquisition.Modbus;

/// <summary>
/// A protocol data unit: the function code followed by its data, as on the wire, without framing.
/// Immutable; vendor-private function codes are built with <see cref="Create"/>.
/// </summary>
public sealed class ModbusPdu
{
    private readonly byte[] _bytes;

    private ModbusPdu(byte[] bytes) => _bytes = bytes;

    /// <summary>Copies a PDU from its wire bytes (function code first).</summary>
    /// <exception cref="ArgumentException">Empty or longer than 253 bytes.</exception>
    public static ModbusPdu FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length is < 1 or > ModbusLimits.MaxPduLength)
        {
            throw new ArgumentException(
                $"A PDU is 1..{ModbusLimits.MaxPduLength} bytes long; got {bytes.Length}.", nameof(bytes));
        }

        return new ModbusPdu(bytes.ToArray());
    }

    /// <summary>Builds a PDU from a function code and its data (any function code, including vendor-private ones).</summary>
    /// <exception cref="ArgumentException">Data longer than 252 bytes.</exception>
    public static ModbusPdu Create(byte functionCode, ReadOnlySpan<byte> data)
    {
        if (data.Length > ModbusLimits.MaxPduLength - 1)
        {
            throw new ArgumentException(
                $"PDU data is at most {ModbusLimits.MaxPduLength - 1} bytes; got {data.Length}.", nameof(data));
        }

        var bytes = new byte[data.Length + 1];
        bytes[0] = functionCode;
        data.CopyTo(bytes.AsSpan(1));
        return new ModbusPdu(bytes);
    }

    /// <summary>Builds an exception response PDU for <paramref name="functionCode"/>.</summary>
    public static ModbusPdu CreateException(byte functionCode, ModbusExceptionCode code) =>
        new([(byte)(functionCode | ModbusFunctionCodes.ExceptionFlag), (byte)code]);

    /// <summary>Wraps an array the caller promises not to change again (avoids a copy on hot paths).</summary>
    internal static ModbusPdu Wrap(byte[] bytes) => new(bytes);

    /// <summary>The function code byte (with the 0x80 flag on exception responses).</summary>
    public byte FunctionCode => _bytes[0];

    /// <summary>The data after the function code.</summary>
    public ReadOnlySpan<byte> Data => _bytes.AsSpan(1);

    /// <summary>All bytes: function code then data.</summary>
    public ReadOnlySpan<byte> Span => _bytes;

    /// <summary>Number of bytes including the function code.</summary>
    public int Length => _bytes.Length;

    /// <summary>True when the 0x80 flag marks this as an exception response.</summary>
    public bool IsException => (_bytes[0] & ModbusFunctionCodes.ExceptionFlag) != 0;

    /// <summary>The exception code of an exception response, or null for a normal PDU or a malformed exception.</summary>
    public ModbusExceptionCode? ExceptionCode => IsException && _bytes.Length == 2 ? (ModbusExceptionCode)_bytes[1] : null;

    /// <summary>Copies the bytes out.</summary>
    public byte[] ToArray() => (byte[])_bytes.Clone();

    /// <summary>Hex dump, e.g. "03 00 6B 00 03".</summary>
    public override string ToString() => Hex.Format(_bytes);
}
