using Prepaid.Domain.Model;
using Prepaid.Domain.Tariffs;

namespace Prepaid.Acquisition.Drivers;

/// <summary>Decodes the 48-register real-time block at 0x0200 into a reading.</summary>
internal static class ElectricityBlockDecoder
{
    private static readonly TouRate[] RateOrder = [TouRate.Sharp, TouRate.Peak, TouRate.Flat, TouRate.Valley];

    public static MeterReading Decode(MeterProfileSpec spec, ushort[] block, DateTimeOffset time)
    {
        ushort R(ushort address) => block[address - ElectricityRegisters.RealTimeStart];
        decimal U32(ushort address, decimal scale) => (((uint)R(address) << 16) | R((ushort)(address + 1))) * scale;
        decimal S16(ushort address, decimal scale) => unchecked((short)R(address)) * scale;
        int S32(ushort address) => unchecked((int)(((uint)R(address) << 16) | R((ushort)(address + 1))));

        // A ratio of 0 is a meter that was never configured: treat it as direct connection rather than zeroing the energy.
        var pt = Math.Max(1, (int)R(ElectricityRegisters.PtRatio));
        var ct = Math.Max(1, (int)R(ElectricityRegisters.CtRatio));
        decimal energyFactor = ct * pt;
        var phases = Math.Max(1, spec.Phases);

        var energyByRate = new Dictionary<TouRate, decimal>();
        for (var i = 0; i < RateOrder.Length; i++)
        {
            energyByRate[RateOrder[i]] = U32((ushort)(ElectricityRegisters.SharpEnergy + (2 * i)), 0.01m) * energyFactor;
        }

        var status = R(ElectricityRegisters.Status);
        var control = R(ElectricityRegisters.ControlStatus);
        var registerEnergy = U32(ElectricityRegisters.TotalEnergy, 0.01m);
        var electrical = new ElectricalValues
        {
            VoltagesV = Phase(i => R((ushort)(ElectricityRegisters.VoltageA + i)) * 0.1m * pt, phases),
            CurrentsA = Phase(i => R((ushort)(ElectricityRegisters.CurrentA + i)) * 0.01m * ct, phases),
            ActivePowersKw = Phase(i => S16((ushort)(ElectricityRegisters.ActivePowerA + i), 0.001m) * energyFactor, phases),
            TotalActivePowerKw = S16(ElectricityRegisters.ActivePowerA + 3, 0.001m) * energyFactor,
            TotalReactivePowerKvar = S16(ElectricityRegisters.ReactivePowerA + 3, 0.001m) * energyFactor,
            PowerFactors = Phase(i => S16((ushort)(ElectricityRegisters.PowerFactorA + i), 0.001m), phases),
            TotalPowerFactor = S16(ElectricityRegisters.PowerFactorA + 3, 0.001m),
            PtRatio = pt,
            CtRatio = ct,
            TotalEnergyKwh = registerEnergy * energyFactor,
            RegisterEnergyKwh = registerEnergy,
            EnergyByRateKwh = energyByRate,
            OverPowerTripCount = R(ElectricityRegisters.OverPowerTripCount),
            MeterClock = Clock(block.AsSpan(ElectricityRegisters.Clock - ElectricityRegisters.RealTimeStart, 4)),
        };

        return new MeterReading
        {
            Profile = spec.Profile,
            Quality = ValueQuality.Good,
            SourceTime = time,
            MeterTypeCode = R(ElectricityRegisters.MeterType),
            Electrical = electrical,
            RemainingYuan = spec.HasPrepaid ? S32(ElectricityRegisters.Remaining) * 0.01m : null,
            PurchaseCount = spec.HasPrepaid ? R(ElectricityRegisters.PurchaseCount) : null,
            Status = StatusWord.DecodeFlags(status, control),
            RelayClosed = spec.Loops > 0 ? StatusWord.DecodeRelays(status, spec.Loops) : [],
        };
    }

    /// <summary>Bytes YY MM DD weekday hh mm ss, high byte first in each register.</summary>
    internal static DateTime? Clock(ReadOnlySpan<ushort> registers)
    {
        Span<byte> b = stackalloc byte[8];
        for (var i = 0; i < 4; i++)
        {
            b[2 * i] = (byte)(registers[i] >> 8);
            b[(2 * i) + 1] = (byte)registers[i];
        }

        if (b[1] is < 1 or > 12 || b[2] < 1 || b[2] > DateTime.DaysInMonth(2000 + b[0], b[1]) || b[4] > 23 || b[5] > 59 || b[6] > 59)
        {
            return null;
        }

        return new DateTime(2000 + b[0], b[1], b[2], b[4], b[5], b[6], DateTimeKind.Unspecified);
    }

    private static decimal[] Phase(Func<int, decimal> value, int phases)
    {
        var values = new decimal[phases];
        for (var i = 0; i < phases; i++)
        {
            values[i] = value(i);
        }

        return values;
    }
}
