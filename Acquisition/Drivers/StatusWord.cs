namespace Prepaid.Acquisition.Drivers;

/// <summary>
/// Bit layout of the status word 0x0224 and the control status word 0x0225 (README.md, "Register maps"). The high byte is
/// the first byte on the wire, so "high byte bit5" is bit 13 of the register value.
/// </summary>
public static class StatusWord
{
    private const int HighByte = 8;
    private const ushort FaultBit = 1 << (HighByte + 0);
    private const int RelayLoop1Bit = HighByte + 5;
    private const ushort PrepaidBit = 1 << 3;
    private const ushort OverPowerBit = 1 << 4;
    private const ushort ArrearsBit = 1 << 5;
    private const ushort Alarm1Bit = 1 << 6;
    private const ushort Alarm2Bit = 1 << 7;
    private const ushort PowerControlBit = 1 << (HighByte + 3);
    private const ushort ForcedBit = 1 << 3;
    private const ushort TimeControlBit = 1 << 7;

    /// <summary>Most relay loops a meter has.</summary>
    public const int MaxLoops = 3;

    /// <summary>Decodes the flags of both words.</summary>
    public static MeterStatusFlags DecodeFlags(ushort status, ushort control)
    {
        var flags = MeterStatusFlags.None;
        flags |= Flag(status, FaultBit, MeterStatusFlags.Fault);
        flags |= Flag(status, PrepaidBit, MeterStatusFlags.PrepaidEnabled);
        flags |= Flag(status, OverPowerBit, MeterStatusFlags.OverPower);
        flags |= Flag(status, ArrearsBit, MeterStatusFlags.Arrears);
        flags |= Flag(status, Alarm1Bit, MeterStatusFlags.Alarm1);
        flags |= Flag(status, Alarm2Bit, MeterStatusFlags.Alarm2);
        flags |= Flag(control, PowerControlBit, MeterStatusFlags.PowerControl);
        flags |= Flag(control, ForcedBit, MeterStatusFlags.ForcedControl);
        flags |= Flag(control, TimeControlBit, MeterStatusFlags.TimeControl);
        return flags;
    }

    /// <summary>Relay state of loops 1..<paramref name="loops"/> from the status word (true = closed).</summary>
    public static bool[] DecodeRelays(ushort status, int loops)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(loops, MaxLoops);
        var relays = new bool[loops];
        for (var i = 0; i < loops; i++)
        {
            relays[i] = (status & (1 << (RelayLoop1Bit + i))) != 0;
        }

        return relays;
    }

    /// <summary>
    /// Encodes the status word. <paramref name="relaysClosed"/> sets the relay bits and, while prepaid is
    /// enabled, the fee-control output bits of the same loops.
    /// </summary>
    public static ushort EncodeStatus(MeterStatusFlags flags, IReadOnlyList<bool> relaysClosed)
    {
        ArgumentNullException.ThrowIfNull(relaysClosed);
        var word = 0;
        word |= Bit(flags, MeterStatusFlags.Fault, FaultBit);
        word |= Bit(flags, MeterStatusFlags.PrepaidEnabled, PrepaidBit);
        word |= Bit(flags, MeterStatusFlags.OverPower, OverPowerBit);
        word |= Bit(flags, MeterStatusFlags.Arrears, ArrearsBit);
        word |= Bit(flags, MeterStatusFlags.Alarm1, Alarm1Bit);
        word |= Bit(flags, MeterStatusFlags.Alarm2, Alarm2Bit);
        for (var i = 0; i < relaysClosed.Count && i < MaxLoops; i++)
        {
            if (relaysClosed[i])
            {
                word |= 1 << (RelayLoop1Bit + i);
                if (flags.HasFlag(MeterStatusFlags.PrepaidEnabled))
                {
                    word |= 1 << i;
                }
            }
        }

        return (ushort)word;
    }

    /// <summary>Encodes the control status word; the per-loop bits follow the enable bits for <paramref name="loops"/> loops.</summary>
    public static ushort EncodeControl(MeterStatusFlags flags, int loops)
    {
        var loopMask = (1 << Math.Clamp(loops, 0, MaxLoops)) - 1;
        var word = 0;
        if (flags.HasFlag(MeterStatusFlags.PowerControl))
        {
            word |= PowerControlBit | (loopMask << HighByte);
        }

        if (flags.HasFlag(MeterStatusFlags.ForcedControl))
        {
            word |= ForcedBit | loopMask;
        }

        if (flags.HasFlag(MeterStatusFlags.TimeControl))
        {
            word |= TimeControlBit | (loopMask << 4);
        }

        return (ushort)word;
    }

    private static MeterStatusFlags Flag(ushort word, ushort bit, MeterStatusFlags flag) => (word & bit) != 0 ? flag : MeterStatusFlags.None;

    private static int Bit(MeterStatusFlags flags, MeterStatusFlags flag, ushort bit) => flags.HasFlag(flag) ? bit : 0;
}
