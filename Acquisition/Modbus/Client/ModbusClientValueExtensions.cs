namespace Prepaid.Acquisition.Modbus;

/// <summary>Typed reads and writes of U16, S16, U32, S32 and scaled decimals on a <see cref="ModbusClient"/>.</summary>
public static class ModbusClientValueExtensions
{
    /// <summary>Reads an integer of <paramref name="type"/> from holding (FC03) or input (FC04) registers.</summary>
    public static async Task<long> ReadValueAsync(this ModbusClient client, byte unitId, ushort address, ModbusValueType type,
        WordOrder order = WordOrder.HighWordFirst, ModbusTable table = ModbusTable.HoldingRegisters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var count = ModbusRegisterConverter.RegisterCount(type);
        var registers = table switch
        {
            ModbusTable.HoldingRegisters => await client.ReadHoldingRegistersAsync(unitId, address, count, cancellationToken).ConfigureAwait(false),
            ModbusTable.InputRegisters => await client.ReadInputRegistersAsync(unitId, address, count, cancellationToken).ConfigureAwait(false),
            _ => throw new ArgumentOutOfRangeException(nameof(table), table, "Values live in holding or input registers."),
        };
        return ModbusRegisterConverter.ToRaw(registers, type, order);
    }

    /// <summary>Reads an unsigned 16-bit holding register.</summary>
    public static async Task<ushort> ReadUInt16Async(this ModbusClient client, byte unitId, ushort address, CancellationToken cancellationToken = default) =>
        (ushort)await client.ReadValueAsync(unitId, address, ModbusValueType.UInt16, cancellationToken: cancellationToken).ConfigureAwait(false);

    /// <summary>Reads a signed 16-bit holding register.</summary>
    public static async Task<short> ReadInt16Async(this ModbusClient client, byte unitId, ushort address, CancellationToken cancellationToken = default) =>
        (short)await client.ReadValueAsync(unitId, address, ModbusValueType.Int16, cancellationToken: cancellationToken).ConfigureAwait(false);

    /// <summary>Reads an unsigned 32-bit value from two holding registers.</summary>
    public static async Task<uint> ReadUInt32Async(this ModbusClient client, byte unitId, ushort address, WordOrder order = WordOrder.HighWordFirst,
        CancellationToken cancellationToken = default) =>
        (uint)await client.ReadValueAsync(unitId, address, ModbusValueType.UInt32, order, cancellationToken: cancellationToken).ConfigureAwait(false);

    /// <summary>Reads a signed 32-bit value from two holding registers.</summary>
    public static async Task<int> ReadInt32Async(this ModbusClient client, byte unitId, ushort address, WordOrder order = WordOrder.HighWordFirst,
        CancellationToken cancellationToken = default) =>
        (int)await client.ReadValueAsync(unitId, address, ModbusValueType.Int32, order, cancellationToken: cancellationToken).ConfigureAwait(false);

    /// <summary>Reads raw x <paramref name="scale"/> as a decimal, e.g. a U32 energy register with scale 0.01m.</summary>
    public static async Task<decimal> ReadDecimalAsync(this ModbusClient client, byte unitId, ushort address, ModbusValueType type, decimal scale,
        WordOrder order = WordOrder.HighWordFirst, ModbusTable table = ModbusTable.HoldingRegisters, CancellationToken cancellationToken = default) =>
        await client.ReadValueAsync(unitId, address, type, order, table, cancellationToken).ConfigureAwait(false) * scale;

    /// <summary>Writes an integer of <paramref name="type"/> (FC06 for one register, FC16 for two).</summary>
    public static Task WriteValueAsync(this ModbusClient client, byte unitId, ushort address, long value, ModbusValueType type,
        WordOrder order = WordOrder.HighWordFirst, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var registers = ModbusRegisterConverter.FromRaw(value, type, order);
        return registers.Length == 1
            ? client.WriteSingleRegisterAsync(unitId, address, registers[0], cancellationToken)
            : client.WriteMultipleRegistersAsync(unitId, address, registers, cancellationToken);
    }

    /// <summary>Writes value / <paramref name="scale"/>; throws if that is not a whole number that fits.</summary>
    public static Task WriteDecimalAsync(this ModbusClient client, byte unitId, ushort address, decimal value, ModbusValueType type, decimal scale,
        WordOrder order = WordOrder.HighWordFirst, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var registers = ModbusRegisterConverter.FromDecimal(value, type, scale, order);
        return registers.Length == 1
            ? client.WriteSingleRegisterAsync(unitId, address, registers[0], cancellationToken)
            : client.WriteMultipleRegistersAsync(unitId, address, registers, cancellationToken);
    }
}
