namespace Prepaid.Acquisition.Modbus;

/// <summary>Packs coil states LSB first, as FC01/02/15 carry them.</summary>
internal static class ModbusBits
{
    public static void Pack(ReadOnlySpan<bool> values, Span<byte> destination)
    {
        destination[..((values.Length + 7) / 8)].Clear();
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i])
            {
                destination[i / 8] |= (byte)(1 << (i % 8));
            }
        }
    }

    public static bool[] Unpack(ReadOnlySpan<byte> source, int count)
    {
        var values = new bool[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = (source[i / 8] & (1 << (i % 8))) != 0;
        }

        return values;
    }

    public static ushort[] ReadRegisters(ReadOnlySpan<byte> source, int count)
    {
        var values = new ushort[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = (ushort)((source[2 * i] << 8) | source[(2 * i) + 1]);
        }

        return values;
    }
}
