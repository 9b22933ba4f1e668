using Prepaid.Acquisition.Drivers;
using Prepaid.Acquisition.Modbus;
using Prepaid.Domain.Model;

namespace Prepaid.Acquisition.Simulator;

/// <summary>A simulated prepaid water meter with a motorised valve speaking the water register map (Acquisition/Drivers/README.md).</summary>
public sealed class SimulatedWaterMeter : SimulatedMeter
{
    /// <summary>Creates the meter; its model starts at the clock's current time.</summary>
    public SimulatedWaterMeter(SimulatedMeterSettings settings, TimeProvider timeProvider)
        : base(settings, timeProvider)
    {
        if (Spec.Kind != MeterKind.Water)
        {
            throw new ArgumentException($"Profile {settings.Profile} is not a water profile.", nameof(settings));
        }

        Model = new WaterMeterModel(settings, timeProvider.GetUtcNow());
        Locked(() =>
        {
            WriteRegisters();
            return true;
        });
    }

    /// <summary>The meter's behaviour; lock the bank's SyncRoot to use it.</summary>
    public WaterMeterModel Model { get; }

    /// <summary>True when the valve is open, at the current time.</summary>
    public bool ValveOpen => Supplying;

    /// <inheritdoc />
    protected override PrepaidBalance PrepaidBalance => Model.Balance;

    /// <inheritdoc />
    protected override bool IsSupplying => Model.ValveOpen;

    /// <inheritdoc />
    protected override void Advance(DateTimeOffset now) => Model.Advance(now);

    /// <inheritdoc />
    protected override void SetDemandCore(decimal demand) => Model.DemandM3PerHour = demand;

    /// <inheritdoc />
    protected override void WriteRegisters()
    {
        SetU32(WaterRegisters.Volume, (long)decimal.Floor(Model.VolumeM3 * 1000m));
        SetU16(WaterRegisters.Flow, (long)Math.Min(ushort.MaxValue, decimal.Round(Model.FlowM3PerHour * 1000m)));
        SetU16(WaterRegisters.ValveState, Model.ValveOpen ? (int)ValveState.Open : (int)ValveState.Closed);
        SetU32(WaterRegisters.Remaining, (long)decimal.Floor(Model.Balance.Remaining * 100m));
        SetU16(WaterRegisters.PurchaseCount, Model.Balance.PurchaseCount);
    }

    /// <inheritdoc />
    protected override ModbusExceptionCode? Validate(ModbusWrite write)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (Within(write, WaterRegisters.ValveCommand, 1))
        {
            return write.Values[0] is WaterRegisters.OpenCommand or WaterRegisters.CloseCommand ? null : ModbusExceptionCode.IllegalDataValue;
        }

        return Within(write, WaterRegisters.Purchase, 3) ? ValidatePurchase(write) : ModbusExceptionCode.IllegalDataAddress;
    }

    /// <inheritdoc />
    protected override void Apply(ModbusWrite write)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (write.Address == WaterRegisters.ValveCommand)
        {
            Model.CommandedClosed = write.Values[0] == WaterRegisters.CloseCommand;
        }
        else
        {
            ApplyPurchase(write);
        }
    }
}
