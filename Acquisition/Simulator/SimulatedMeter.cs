using Prepaid.Acquisition.Drivers;
using Prepaid.Acquisition.Modbus;

namespace Prepaid.Acquisition.Simulator;

/// <summary>
/// A simulated meter on a <see cref="ModbusServer"/>: a register bank whose live registers are recomputed from
/// the meter's model before every read, at the time of the injected <see cref="TimeProvider"/>. Writes outside
/// the profile's writable blocks answer 02; bad values 03.
/// </summary>
public abstract class SimulatedMeter : IModbusUnit
{
    private const int BankSize = 0x0500;

    /// <summary>Creates the meter and hooks its bank.</summary>
    protected SimulatedMeter(SimulatedMeterSettings settings, TimeProvider timeProvider)
    {
        Settings = settings ?? throw new ArgumentNullException(nameof(settings));
        Time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        Spec = MeterProfileSpec.For(settings.Profile);
        Bank = new ModbusRegisterBank(BankSize)
        {
            BeforeRead = (table, _, _) =>
            {
                if (table == ModbusTable.HoldingRegisters)
                {
                    AdvanceToNow();
                    WriteRegisters();
                }
            },
            ValidateWrite = write =>
            {
                AdvanceToNow();
                return write.Table == ModbusTable.HoldingRegisters ? Validate(write) : ModbusExceptionCode.IllegalDataAddress;
            },
            AfterWrite = write =>
            {
                var count = PrepaidBalance.PurchaseCount;
                Apply(write);
                WriteRegisters();
                if (PrepaidBalance.PurchaseCount != count)
                {
                    // Committed before the write is acknowledged, as a real meter writes its EEPROM first.
                    Remember?.Invoke(new MeterMemoryImage(PrepaidBalance.Remaining, PrepaidBalance.PurchaseCount, Time.GetUtcNow()));
                }
            },
        };
    }

    /// <summary>The settings the meter started with.</summary>
    public SimulatedMeterSettings Settings { get; }

    /// <summary>Saves the meter's non-volatile memory after each purchase it applies (none when null).</summary>
    public Action<MeterMemoryImage>? Remember { get; set; }

    /// <summary>The profile's capabilities.</summary>
    public MeterProfileSpec Spec { get; }

    /// <summary>The register bank (holding registers carry the map).</summary>
    public ModbusRegisterBank Bank { get; }

    /// <summary>The clock driving consumption.</summary>
    protected TimeProvider Time { get; }

    /// <summary>Remaining amount in yuan (full precision), at the current time.</summary>
    public decimal Remaining => Locked(() =>
    {
        Advance(Time.GetUtcNow());
        return PrepaidBalance.Remaining;
    });

    /// <summary>Purchase count at the current time.</summary>
    public int PurchaseCount => Locked(() =>
    {
        Advance(Time.GetUtcNow());
        return PrepaidBalance.PurchaseCount;
    });

    /// <summary>True when supply flows (relay closed, valve open).</summary>
    public bool Supplying => Locked(() =>
    {
        Advance(Time.GetUtcNow());
        return IsSupplying;
    });

    /// <summary>The balance of the model.</summary>
    protected abstract PrepaidBalance PrepaidBalance { get; }

    /// <summary>True when supply flows; called under the lock.</summary>
    protected abstract bool IsSupplying { get; }

    /// <inheritdoc />
    public ValueTask<ModbusPdu> HandleAsync(ModbusPdu request, CancellationToken cancellationToken) => Bank.HandleAsync(request, cancellationToken);

    /// <summary>Sets the demand (kW for electricity, m3/h for water) from now on.</summary>
    public void SetDemand(decimal demand) => Locked(() =>
    {
        AdvanceToNow();
        SetDemandCore(demand);
        return true;
    });

    /// <summary>The tenant presses the meter's button (local restore of a warning trip or the overdraft re-close).</summary>
    public void PressButton() => Locked(() =>
    {
        AdvanceToNow();
        PrepaidBalance.PressButton();
        return true;
    });

    /// <summary>Brings the model to the clock's current time.</summary>
    public void AdvanceToNow() => Locked(() =>
    {
        Advance(Time.GetUtcNow());
        return true;
    });

    /// <summary>Runs <paramref name="action"/> under the bank's lock, the one every request holds.</summary>
    protected T Locked<T>(Func<T> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        lock (Bank.SyncRoot)
        {
            return action();
        }
    }

    /// <summary>Advances the model; called under the lock.</summary>
    protected abstract void Advance(DateTimeOffset now);

    /// <summary>Sets the demand; called under the lock.</summary>
    protected abstract void SetDemandCore(decimal demand);

    /// <summary>Writes the live registers from the model; called under the lock.</summary>
    protected abstract void WriteRegisters();

    /// <summary>Checks a holding-register write; returns the exception to answer or null.</summary>
    protected abstract ModbusExceptionCode? Validate(ModbusWrite write);

    /// <summary>Applies an accepted write to the model.</summary>
    protected abstract void Apply(ModbusWrite write);

    /// <summary>True when the write lies entirely in [<paramref name="start"/>, <paramref name="start"/> + <paramref name="count"/>).</summary>
    protected static bool Within(ModbusWrite write, ushort start, int count)
    {
        ArgumentNullException.ThrowIfNull(write);
        return write.Address >= start && write.Address + write.Values.Count <= start + count;
    }

    /// <summary>Checks a purchase write (count, amount U32 0.01 yuan at 0x0460).</summary>
    protected ModbusExceptionCode? ValidatePurchase(ModbusWrite write)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (write.Address != ElectricityRegisters.Purchase || write.Values.Count != 3)
        {
            return ModbusExceptionCode.IllegalDataAddress;
        }

        return PrepaidBalance.Validate(write.Values[0], PurchaseAmount(write));
    }

    /// <summary>Applies an accepted purchase write.</summary>
    protected void ApplyPurchase(ModbusWrite write)
    {
        ArgumentNullException.ThrowIfNull(write);
        PrepaidBalance.Apply(write.Values[0], PurchaseAmount(write));
    }

    /// <summary>Sets a U32 (or S32) value, high word first.</summary>
    internal void SetU32(ushort address, long raw) =>
        Bank.SetRegisters(ModbusTable.HoldingRegisters, address, ModbusRegisterConverter.FromUInt32(unchecked((uint)raw)));

    /// <summary>Sets one register.</summary>
    internal void SetU16(ushort address, long raw) =>
        Bank.SetRegisters(ModbusTable.HoldingRegisters, address, unchecked((ushort)raw));

    private static decimal PurchaseAmount(ModbusWrite write) =>
        ModbusRegisterConverter.ToUInt32([write.Values[1], write.Values[2]]) * 0.01m;
}
