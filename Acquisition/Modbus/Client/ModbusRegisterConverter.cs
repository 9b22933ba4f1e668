namespace Prepaid.Acquisition.Modbus;

/// <summary>
/// Converts register values to and from U16, S16, U32, S32 and scaled decimals (raw x scale, e.g. 0.01 kWh).
/// Decimal keeps money and energy exact; conversions to registers refuse values that lose digits.
/// </summary>
public static class ModbusRegisterConverter
{
    /// <summary>Registers used by <paramref name="type"/>: 1 or 2.</summary>
    public static int RegisterCount(ModbusValueType type) =>
        type is ModbusValueType.UInt32 or ModbusValueType.Int32 ? 2 : 1;

    /// <summary>Reads a signed 16-bit value.</summary>
    public static short ToInt16(ushort register) => unchecked((short)register);

    /// <summary>Reads an unsigned 32-bit value from two registers.</summary>
    public static uint ToUInt32(ReadOnlySpan<ushort> registers, WordOrder order = WordOrder.HighWordFirst)
    {
        if (registers.Length < 2)
        {
            throw new ArgumentException("A 32-bit value needs two registers.", nameof(registers));
        }

        var (high, low) = order == WordOrder.HighWordFirst ? (registers[0], registers[1]) : (registers[1], registers[0]);
        return ((uint)high << 16) | low;
    }

    /// <summary>Reads a signed 32-bit value from two registers.</summary>
    public static int ToInt32(ReadOnlySpan<ushort> registers, WordOrder order = WordOrder.HighWordFirst) =>
        unchecked((int)ToUInt32(registers, order));

    /// <summary>Encodes an unsigned 32-bit value as two registers.</summary>
    public static ushort[] FromUInt32(uint value, WordOrder order = WordOrder.HighWordFirst)
    {
        var high = (ushort)(value >> 16);
        var low = (ushort)value;
        return order == WordOrder.HighWordFirst ? [high, low] : [low, high];
    }

    /// <summary>Encodes a signed 32-bit value as two registers.</summary>
    public static ushort[] FromInt32(int value, WordOrder order = WordOrder.HighWordFirst) => FromUInt32(unchecked((uint)value), order);

    /// <summary>Encodes a signed 16-bit value as one register.</summary>
    public static ushort FromInt16(short value) => unchecked((ushort)value);

    /// <summary>Reads the raw integer of <paramref name="type"/> at the start of <paramref name="registers"/>.</summary>
    public static long ToRaw(ReadOnlySpan<ushort> registers, ModbusValueType type, WordOrder order = WordOrder.HighWordFirst)
    {
        if (registers.Length < RegisterCount(type))
        {
            throw new ArgumentException($"{type} needs {RegisterCount(type)} registers.", nameof(registers));
        }

        return type switch
        {
            ModbusValueType.UInt16 => registers[0],
            ModbusValueType.Int16 => ToInt16(registers[0]),
            ModbusValueType.UInt32 => ToUInt32(registers, order),
            ModbusValueType.Int32 => ToInt32(registers, order),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown value type."),
        };
    }

    /// <summary>Encodes a raw integer as <paramref name="type"/>; throws when it does not fit.</summary>
    public static ushort[] FromRaw(long raw, ModbusValueType type, WordOrder order = WordOrder.HighWordFirst)
    {
        (long min, long max) = type switch
        {
            ModbusValueType.UInt16 => (0L, (long)ushort.MaxValue),
            ModbusValueType.Int16 => ((long)short.MinValue, (long)short.MaxValue),
            ModbusValueType.UInt32 => (0L, (long)uint.MaxValue),
            ModbusValueType.Int32 => ((long)int.MinValue, (long)int.MaxValue),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown value type."),
        };
        if (raw < min || raw > max)
        {
            throw new ArgumentOutOfRangeException(nameof(raw), raw, $"{raw} does not fit {type} ({min}..{max}).");
        }

        return type switch
        {
            ModbusValueType.UInt16 => [(ushort)raw],
            ModbusValueType.Int16 => [FromInt16((short)raw)],
            ModbusValueType.UInt32 => FromUInt32((uint)raw, order),
            _ => FromInt32((int)raw, order),
        };
    }

    /// <summary>Reads a scaled value: raw x <paramref name="scale"/> (e.g. 0.01m for 0.01 kWh).</summary>
    public static decimal ToDecimal(ReadOnlySpan<ushort> registers, ModbusValueType type, decimal scale, WordOrder order = WordOrder.HighWordFirst) =>
        ToRaw(registers, type, order) * scale;

    /// <summary>
    /// Encodes <paramref name="value"/> as raw = value / <paramref name="scale"/>; throws when that is not a whole
    /// number (digits would be lost) or does not fit <paramref name="type"/>.
    /// </summary>
    public static ushort[] FromDecimal(decimal value, ModbusValueType type, decimal scale, WordOrder order = WordOrder.HighWordFirst)
    {
        if (scale <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "Scale must be positive.");
        }

        var raw = value / scale;
        if (raw != decimal.Truncate(raw))
        {
            throw new ArgumentException($"{value} is not a whole multiple of {scale}.", nameof(value));
        }

        if (raw < long.MinValue || raw > long.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"{value} does not fit {type}.");
        }

        return FromRaw((long)raw, type, order);
    }
}
