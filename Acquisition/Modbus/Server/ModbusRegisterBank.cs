namespace Prepaid.Acquisition.Modbus;

/// <summary>
/// In-memory coils, discrete inputs, holding and input registers implementing <see cref="IModbusUnit"/> for
/// FC01-06, 15, 16 and 23. Hooks let a simulator compute values before a read (<see cref="BeforeRead"/>),
/// veto a write with an exception code (<see cref="ValidateWrite"/>), react to it (<see cref="AfterWrite"/>)
/// and handle vendor-private function codes (<see cref="CustomFunction"/>). Thread-safe: one lock per bank,
/// held while hooks run, so a hook sees and changes a consistent state.
/// </summary>
public sealed class ModbusRegisterBank : IModbusUnit
{
    private readonly SparseTable<ushort> _holding = new();
    private readonly SparseTable<ushort> _input = new();
    private readonly SparseTable<bool> _coils = new();
    private readonly SparseTable<bool> _discrete = new();

    /// <summary>Creates a bank answering addresses 0..<paramref name="size"/>-1 in every table (02 beyond).</summary>
    public ModbusRegisterBank(int size = ModbusLimits.AddressSpace)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, ModbusLimits.AddressSpace);
        Size = size;
    }

    /// <summary>Number of addresses in each table.</summary>
    public int Size { get; }

    /// <summary>The lock held while a request and its hooks run; take it to change several values atomically.</summary>
    public object SyncRoot { get; } = new();

    /// <summary>Called before a read with the table, start address and count, e.g. to compute live values.</summary>
    public Action<ModbusTable, ushort, int>? BeforeRead { get; set; }

    /// <summary>Called before a write; returning an exception code rejects it and nothing is written.</summary>
    public Func<ModbusWrite, ModbusExceptionCode?>? ValidateWrite { get; set; }

    /// <summary>Called after a write was applied.</summary>
    public Action<ModbusWrite>? AfterWrite { get; set; }

    /// <summary>Handles function codes the bank does not know; return null to answer 01 illegal function.</summary>
    public Func<ModbusPdu, ModbusPdu?>? CustomFunction { get; set; }

    /// <summary>Reads one register of <paramref name="table"/> (holding or input).</summary>
    public ushort GetRegister(ModbusTable table, ushort address)
    {
        lock (SyncRoot)
        {
            return Registers(table)[address];
        }
    }

    /// <summary>Sets consecutive registers of <paramref name="table"/> (holding or input).</summary>
    public void SetRegisters(ModbusTable table, ushort address, params ReadOnlySpan<ushort> values)
    {
        CheckRange(address, values.Length);
        lock (SyncRoot)
        {
            var registers = Registers(table);
            for (var i = 0; i < values.Length; i++)
            {
                registers[address + i] = values[i];
            }
        }
    }

    /// <summary>Reads one coil or discrete input.</summary>
    public bool GetBit(ModbusTable table, ushort address)
    {
        lock (SyncRoot)
        {
            return Bits(table)[address];
        }
    }

    /// <summary>Sets consecutive coils or discrete inputs.</summary>
    public void SetBits(ModbusTable table, ushort address, params ReadOnlySpan<bool> values)
    {
        CheckRange(address, values.Length);
        lock (SyncRoot)
        {
            var bits = Bits(table);
            for (var i = 0; i < values.Length; i++)
            {
                bits[address + i] = values[i];
            }
        }
    }

    /// <inheritdoc />
    public ValueTask<ModbusPdu> HandleAsync(ModbusPdu request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            lock (SyncRoot)
            {
                return ValueTask.FromResult(Handle(request));
            }
        }
        catch (ModbusExceptionResponseException ex)
        {
            return ValueTask.FromResult(ModbusPdu.CreateException(request.FunctionCode, ex.ExceptionCode));
        }
    }

    private ModbusPdu Handle(ModbusPdu request)
    {
        var fc = request.FunctionCode;
        switch (fc)
        {
            case ModbusFunctionCodes.ReadCoils or ModbusFunctionCodes.ReadDiscreteInputs:
            {
                var read = ModbusRequestDecoder.DecodeRead(request);
                var table = fc == ModbusFunctionCodes.ReadCoils ? ModbusTable.Coils : ModbusTable.DiscreteInputs;
                return ModbusResponseEncoder.Bits(fc, ReadBits(fc, table, read.Address, read.Count));
            }

            case ModbusFunctionCodes.ReadHoldingRegisters or ModbusFunctionCodes.ReadInputRegisters:
            {
                var read = ModbusRequestDecoder.DecodeRead(request);
                var table = fc == ModbusFunctionCodes.ReadHoldingRegisters ? ModbusTable.HoldingRegisters : ModbusTable.InputRegisters;
                return ModbusResponseEncoder.Registers(fc, ReadRegisters(fc, table, read.Address, read.Count));
            }

            case ModbusFunctionCodes.WriteSingleCoil:
            {
                var (address, value) = ModbusRequestDecoder.DecodeWriteSingleCoil(request);
                Write(fc, new ModbusWrite(ModbusTable.Coils, address, [value ? (ushort)1 : (ushort)0]));
                return request;
            }

            case ModbusFunctionCodes.WriteSingleRegister:
            {
                var (address, value) = ModbusRequestDecoder.DecodeWriteSingleRegister(request);
                Write(fc, new ModbusWrite(ModbusTable.HoldingRegisters, address, [value]));
                return request;
            }

            case ModbusFunctionCodes.WriteMultipleCoils:
            {
                var (address, values) = ModbusRequestDecoder.DecodeWriteMultipleCoils(request);
                Write(fc, new ModbusWrite(ModbusTable.Coils, address, values.Select(v => v ? (ushort)1 : (ushort)0).ToArray()));
                return ModbusResponseEncoder.WriteMultipleEcho(request);
            }

            case ModbusFunctionCodes.WriteMultipleRegisters:
            {
                var (address, values) = ModbusRequestDecoder.DecodeWriteMultipleRegisters(request);
                Write(fc, new ModbusWrite(ModbusTable.HoldingRegisters, address, values));
                return ModbusResponseEncoder.WriteMultipleEcho(request);
            }

            case ModbusFunctionCodes.ReadWriteMultipleRegisters:
            {
                var rw = ModbusRequestDecoder.DecodeReadWriteMultipleRegisters(request);
                CheckAddress(fc, rw.ReadAddress, rw.ReadCount);
                Write(fc, new ModbusWrite(ModbusTable.HoldingRegisters, rw.WriteAddress, rw.Values));
                return ModbusResponseEncoder.Registers(fc, ReadRegisters(fc, ModbusTable.HoldingRegisters, rw.ReadAddress, rw.ReadCount));
            }

            default:
                return CustomFunction?.Invoke(request)
                    ?? ModbusPdu.CreateException((byte)(fc & 0x7F), ModbusExceptionCode.IllegalFunction);
        }
    }

    private bool[] ReadBits(byte fc, ModbusTable table, ushort address, int count)
    {
        CheckAddress(fc, address, count);
        BeforeRead?.Invoke(table, address, count);
        var bits = Bits(table);
        var values = new bool[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = bits[address + i];
        }

        return values;
    }

    private ushort[] ReadRegisters(byte fc, ModbusTable table, ushort address, int count)
    {
        CheckAddress(fc, address, count);
        BeforeRead?.Invoke(table, address, count);
        var registers = Registers(table);
        var values = new ushort[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = registers[address + i];
        }

        return values;
    }

    private void Write(byte fc, ModbusWrite write)
    {
        CheckAddress(fc, write.Address, write.Values.Count);
        if (ValidateWrite?.Invoke(write) is { } rejection)
        {
            throw new ModbusExceptionResponseException(fc, rejection, "write rejected by the unit");
        }

        for (var i = 0; i < write.Values.Count; i++)
        {
            if (write.Table == ModbusTable.Coils)
            {
                _coils[write.Address + i] = write.Values[i] != 0;
            }
            else
            {
                _holding[write.Address + i] = write.Values[i];
            }
        }

        AfterWrite?.Invoke(write);
    }

    private void CheckAddress(byte fc, ushort address, int count)
    {
        if (address + count > Size)
        {
            throw new ModbusExceptionResponseException(fc, ModbusExceptionCode.IllegalDataAddress,
                $"addresses {address}..{address + count - 1} outside 0..{Size - 1}");
        }
    }

    private void CheckRange(ushort address, int count)
    {
        if (address + count > Size)
        {
            throw new ArgumentOutOfRangeException(nameof(address), address, $"Addresses {address}..{address + count - 1} outside 0..{Size - 1}.");
        }
    }

    private SparseTable<ushort> Registers(ModbusTable table) => table switch
    {
        ModbusTable.HoldingRegisters => _holding,
        ModbusTable.InputRegisters => _input,
        _ => throw new ArgumentOutOfRangeException(nameof(table), table, "Not a register table."),
    };

    private SparseTable<bool> Bits(ModbusTable table) => table switch
    {
        ModbusTable.Coils => _coils,
        ModbusTable.DiscreteInputs => _discrete,
        _ => throw new ArgumentOutOfRangeException(nameof(table), table, "Not a bit table."),
    };
}
