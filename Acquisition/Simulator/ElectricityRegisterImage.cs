using Prepaid.Acquisition.Drivers;

namespace Prepaid.Acquisition.Simulator;

/// <summary>
/// Writes an <see cref="ElectricityMeterModel"/> into the electricity register map. Registers hold secondary
/// values (primary divided by the CT and PT ratios), as on a transformer-connected meter.
/// </summary>
internal static class ElectricityRegisterImage
{
    private static readonly Dictionary<decimal, decimal> ReactiveFactors = [];

    public static void Write(SimulatedElectricityMeter meter, ElectricityMeterModel model)
    {
        var s = model.Settings;
        var spec = model.Spec;
        var ct = Math.Max(1, s.CtRatio);
        var pt = Math.Max(1, s.PtRatio);
        decimal ratio = ct * pt;
        var phases = spec.Phases;
        var phasePower = model.PowerKw / phases;
        var pf = model.PowerKw > 0 ? s.PowerFactor : 1m;
        var phaseCurrent = s.VoltageV > 0 ? phasePower * 1000m / (s.VoltageV * pf) : 0m;

        meter.SetU16(ElectricityRegisters.MeterType, spec.MeterTypeCode);
        for (var i = 0; i < 3; i++)
        {
            var present = i < phases;
            meter.SetU16((ushort)(ElectricityRegisters.VoltageA + i), present ? Round(s.VoltageV / pt, 0.1m) : 0);
            meter.SetU16((ushort)(ElectricityRegisters.CurrentA + i), present ? Round(phaseCurrent / ct, 0.01m) : 0);
            meter.SetU16((ushort)(ElectricityRegisters.ActivePowerA + i), present ? S16(phasePower / ratio, 0.001m) : 0);
            meter.SetU16((ushort)(ElectricityRegisters.ReactivePowerA + i), present ? S16(phasePower * Reactive(pf) / ratio, 0.001m) : 0);
            meter.SetU16((ushort)(ElectricityRegisters.PowerFactorA + i), present ? Round(pf, 0.001m) : 0);
        }

        meter.SetU16(ElectricityRegisters.ActivePowerA + 3, S16(model.PowerKw / ratio, 0.001m));
        meter.SetU16(ElectricityRegisters.ReactivePowerA + 3, S16(model.PowerKw * Reactive(pf) / ratio, 0.001m));
        meter.SetU16(ElectricityRegisters.PowerFactorA + 3, Round(pf, 0.001m));
        meter.SetU16(ElectricityRegisters.PtRatio, pt);
        meter.SetU16(ElectricityRegisters.CtRatio, ct);
        meter.SetU32(ElectricityRegisters.TotalEnergy, Floor(model.TotalEnergyKwh / ratio, 0.01m));
        for (var i = 0; i < 4; i++)
        {
            meter.SetU32((ushort)(ElectricityRegisters.SharpEnergy + (2 * i)), Floor(model.EnergyByRateKwh[i] / ratio, 0.01m));
        }

        var balance = model.Balance;
        var prepaid = spec.HasPrepaid;
        meter.SetU32(ElectricityRegisters.Remaining, prepaid ? Floor(balance.Remaining, 0.01m) : 0);
        meter.SetU16(ElectricityRegisters.PurchaseCount, prepaid ? balance.PurchaseCount : 0);
        meter.SetU16(ElectricityRegisters.OverPowerTripCount, model.OverPowerTripCount);
        meter.SetU16(ElectricityRegisters.AllowedRecloses, 0);
        var relays = Enumerable.Repeat(model.RelayClosed, Math.Max(spec.Loops, phases == 1 ? 1 : 3)).ToArray();
        meter.SetU16(ElectricityRegisters.Status, StatusWord.EncodeStatus(model.Flags, relays));
        meter.SetU16(ElectricityRegisters.ControlStatus, StatusWord.EncodeControl(model.Flags, relays.Length));
        WriteClock(meter, model.LocalTime);

        if (prepaid)
        {
            meter.SetU16(ElectricityRegisters.PrepaidEnabled, model.PrepaidEnabled ? 1 : 0);
            meter.SetU16(ElectricityRegisters.ParameterPurchaseCount, balance.PurchaseCount);
            var prices = model.Prices.InOrder();
            for (var i = 0; i < prices.Count; i++)
            {
                meter.SetU32((ushort)(ElectricityRegisters.Prices + (2 * i)), Floor(prices[i], 0.0001m));
            }

            meter.SetU32(ElectricityRegisters.AlarmAmount1, Floor(balance.AlarmAmount1, 0.01m));
            meter.SetU32(ElectricityRegisters.AlarmAmount2, Floor(balance.AlarmAmount2, 0.01m));
            meter.SetU32(ElectricityRegisters.OverdraftLimit, Floor(balance.OverdraftLimit, 0.01m));
            meter.SetU32(ElectricityRegisters.TotalPurchased, Floor(balance.TotalPurchased, 0.01m));
            meter.SetU32(ElectricityRegisters.ParameterRemaining, Floor(balance.Remaining, 0.01m));
            meter.SetU16(ElectricityRegisters.PowerLimit, model.PowerLimitEnabled ? 1 : 0);
            meter.SetU16(ElectricityRegisters.PowerLimit + 1, Round(model.PowerLimitKw, 0.01m));
            meter.SetU16(ElectricityRegisters.PowerLimit + 2, model.PowerLimitSeconds);
        }
    }

    private static void WriteClock(SimulatedElectricityMeter meter, DateTime local)
    {
        byte[] b = [(byte)(local.Year % 100), (byte)local.Month, (byte)local.Day, (byte)local.DayOfWeek, (byte)local.Hour, (byte)local.Minute, (byte)local.Second, 0];
        for (var i = 0; i < 4; i++)
        {
            meter.SetU16((ushort)(ElectricityRegisters.Clock + i), (b[2 * i] << 8) | b[(2 * i) + 1]);
        }
    }

    private static long Floor(decimal value, decimal scale) => (long)decimal.Floor(value / scale);

    private static long Round(decimal value, decimal scale) => Math.Clamp((long)decimal.Round(value / scale), 0, ushort.MaxValue);

    private static long S16(decimal value, decimal scale) => Math.Clamp((long)decimal.Round(value / scale), short.MinValue, short.MaxValue);

    /// <summary>tan(acos(pf)): Q = P x this. Display-only, so a double square root is acceptable here.</summary>
    private static decimal Reactive(decimal pf)
    {
        lock (ReactiveFactors)
        {
            if (!ReactiveFactors.TryGetValue(pf, out var factor))
            {
                factor = pf <= 0 ? 0 : decimal.Round((decimal)Math.Sqrt(1 - ((double)pf * (double)pf)) / pf, 6);
                ReactiveFactors[pf] = factor;
            }

            return factor;
        }
    }
}
