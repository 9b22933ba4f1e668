using Prepaid.Domain.Model;

namespace Prepaid.Acquisition.Drivers;

/// <summary>Decodes the water meter block 0x0000..0x0022 into a reading.</summary>
internal static class WaterBlockDecoder
{
    public static MeterReading Decode(MeterProfileSpec spec, ushort[] block, DateTimeOffset time)
    {
        var volume = (((uint)block[WaterRegisters.Volume] << 16) | block[WaterRegisters.Volume + 1]) * 0.001m;
        var remaining = unchecked((int)(((uint)block[WaterRegisters.Remaining] << 16) | block[WaterRegisters.Remaining + 1])) * 0.01m;
        var valve = block[WaterRegisters.ValveState] switch
        {
            1 => ValveState.Open,
            2 => ValveState.Closed,
            3 => ValveState.Fault,
            _ => ValveState.Unknown,
        };
        var status = MeterStatusFlags.PrepaidEnabled | (remaining <= 0 ? MeterStatusFlags.Arrears : MeterStatusFlags.None)
            | (valve == ValveState.Fault ? MeterStatusFlags.Fault : MeterStatusFlags.None);
        return new MeterReading
        {
            Profile = spec.Profile,
            Quality = ValueQuality.Good,
            SourceTime = time,
            Water = new WaterValues(volume, block[WaterRegisters.Flow] * 0.001m, valve),
            RemainingYuan = remaining,
            PurchaseCount = block[WaterRegisters.PurchaseCount],
            Status = status,
        };
    }
}
