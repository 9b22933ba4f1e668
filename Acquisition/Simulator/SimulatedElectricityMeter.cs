using Prepaid.Acquisition.Drivers;
using Prepaid.Acquisition.Modbus;
using Prepaid.Domain.Model;

namespace Prepaid.Acquisition.Simulator;

/// <summary>
/// A simulated electricity meter (prepaid single- or three-phase, public area, main incomer) speaking the
/// electricity register map (Acquisition/Drivers/README.md): real-time block, status words, relay commands, prepaid parameters, purchase
/// and power limit.
/// </summary>
public sealed class SimulatedElectricityMeter : SimulatedMeter
{
    /// <summary>Creates the meter; its model starts at the clock's current time.</summary>
    public SimulatedElectricityMeter(SimulatedMeterSettings settings, TimeProvider timeProvider)
        : base(settings, timeProvider)
    {
        if (Spec.Kind != MeterKind.Electricity)
        {
            throw new ArgumentException($"Profile {settings.Profile} is not an electricity profile.", nameof(settings));
        }

        Model = new ElectricityMeterModel(settings, timeProvider.GetUtcNow());
        Locked(() =>
        {
            WriteRegisters();
            return true;
        });
    }

    /// <summary>The meter's behaviour; lock <see cref="ModbusRegisterBank.SyncRoot"/> of <see cref="SimulatedMeter.Bank"/> to use it.</summary>
    public ElectricityMeterModel Model { get; }

    /// <summary>True when the relay is closed, at the current time.</summary>
    public bool RelayClosed => Supplying;

    /// <summary>Active power drawn now in kW (zero while the relay is open).</summary>
    public decimal PowerKw => Locked(() =>
    {
        Model.Advance(Time.GetUtcNow());
        return Model.PowerKw;
    });

    /// <summary>Total energy in kWh (primary), at the current time.</summary>
    public decimal TotalEnergyKwh => Locked(() =>
    {
        Model.Advance(Time.GetUtcNow());
        return Model.TotalEnergyKwh;
    });

    /// <inheritdoc />
    protected override PrepaidBalance PrepaidBalance => Model.Balance;

    /// <inheritdoc />
    protected override bool IsSupplying => Model.RelayClosed;

    /// <inheritdoc />
    protected override void Advance(DateTimeOffset now) => Model.Advance(now);

    /// <inheritdoc />
    protected override void SetDemandCore(decimal demand) => Model.DemandKw = demand;

    /// <inheritdoc />
    protected override void WriteRegisters() => ElectricityRegisterImage.Write(this, Model);

    /// <inheritdoc />
    protected override ModbusExceptionCode? Validate(ModbusWrite write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var v = write.Values;
        if (Spec.HasRelay && Within(write, ElectricityRegisters.RelayCommand, 2))
        {
            var valid = write.Address == ElectricityRegisters.RelayCommand && v[0] <= 1 && (v[0] == 0 || (v.Count == 2 && v[1] <= 1));
            return valid ? null : ModbusExceptionCode.IllegalDataValue;
        }

        if (!Spec.HasPrepaid)
        {
            return ModbusExceptionCode.IllegalDataAddress;
        }

        if (Within(write, ElectricityRegisters.PrepaidEnabled, 1) || Within(write, ElectricityRegisters.Prices, ElectricityRegisters.ParameterWriteCount))
        {
            return null;
        }

        if (Within(write, ElectricityRegisters.PowerLimit, 3))
        {
            return write.Address == ElectricityRegisters.PowerLimit && v.Count == 3 && v[0] <= 1 ? null : ModbusExceptionCode.IllegalDataValue;
        }

        return Within(write, ElectricityRegisters.Purchase, 3) ? ValidatePurchase(write) : ModbusExceptionCode.IllegalDataAddress;
    }

    /// <inheritdoc />
    protected override void Apply(ModbusWrite write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var v = write.Values;
        switch (write.Address)
        {
            case ElectricityRegisters.RelayCommand:
                var forced = v[0] == 0 ? ForcedControl.None : v[1] == 1 ? ForcedControl.Trip : ForcedControl.KeepPower;
                // A meter that refuses a remote close in arrears leaves the command without effect.
                if (forced != ForcedControl.KeepPower || !Model.RefusesRemoteClose)
                {
                    Model.Control(forced);
                }

                break;
            case ElectricityRegisters.PowerLimit:
                Model.SetPowerLimit(v[0] == 1, v[1] * 0.01m, v[2]);
                break;
            case ElectricityRegisters.Purchase:
                ApplyPurchase(write);
                break;
            default:
                LoadParameters();
                break;
        }
    }

    /// <summary>The parameter registers were written: take prices, alarms and overdraft from the bank.</summary>
    private void LoadParameters()
    {
        ushort[] r = [.. Enumerable.Range(ElectricityRegisters.ParametersStart, ElectricityRegisters.ParametersCount)
            .Select(a => Bank.GetRegister(ModbusTable.HoldingRegisters, (ushort)a))];
        decimal U32(ushort address, decimal scale) => ModbusRegisterConverter.ToUInt32(r.AsSpan(address - ElectricityRegisters.ParametersStart)) * scale;
        decimal Price(int i) => U32((ushort)(ElectricityRegisters.Prices + (2 * i)), 0.0001m);
        Model.PrepaidEnabled = r[0] != 0;
        Model.Prices = new MeterPrices(Price(0), Price(1), Price(2), Price(3));
        Model.Balance.AlarmAmount1 = U32(ElectricityRegisters.AlarmAmount1, 0.01m);
        Model.Balance.AlarmAmount2 = U32(ElectricityRegisters.AlarmAmount2, 0.01m);
        Model.Balance.OverdraftLimit = U32(ElectricityRegisters.OverdraftLimit, 0.01m);
    }
}
