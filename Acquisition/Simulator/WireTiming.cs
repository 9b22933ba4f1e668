using Prepaid.Acquisition.Modbus;

namespace Prepaid.Acquisition.Simulator;

/// <summary>
/// Time a request/answer pair occupies an RS485 bus (README.md, "Bus timing"): 11 bits per character, a 3.5-character gap
/// after each frame (fixed 1.75 ms above 19200 baud), plus the meter's turnaround.
/// </summary>
public static class WireTiming
{
    /// <summary>Bits per RTU character: start, 8 data, parity or second stop, stop.</summary>
    public const int BitsPerCharacter = 11;

    /// <summary>A typical meter's turnaround between request and answer.</summary>
    public static readonly TimeSpan DefaultTurnaround = TimeSpan.FromMilliseconds(30);

    /// <summary>One character at <paramref name="baudRate"/>.</summary>
    public static TimeSpan Character(int baudRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(baudRate, 300);
        return TimeSpan.FromTicks(BitsPerCharacter * TimeSpan.TicksPerSecond / baudRate);
    }

    /// <summary>The silent interval after a frame.</summary>
    public static TimeSpan Gap(int baudRate) =>
        baudRate > 19200 ? TimeSpan.FromMicroseconds(1750) : TimeSpan.FromTicks(35L * BitsPerCharacter * TimeSpan.TicksPerSecond / (10L * baudRate));

    /// <summary>Bus time of one transaction: RTU frames are the PDU plus address and CRC (3 bytes).</summary>
    public static TimeSpan Transaction(int baudRate, int requestPduBytes, int responsePduBytes, TimeSpan turnaround)
    {
        var characters = requestPduBytes + 3 + (responsePduBytes > 0 ? responsePduBytes + 3 : 0);
        return (Character(baudRate) * characters) + (Gap(baudRate) * 2) + turnaround;
    }

    /// <summary>Bus time of <paramref name="request"/> answered by <paramref name="response"/>.</summary>
    public static TimeSpan Transaction(int baudRate, ModbusPdu request, ModbusPdu response, TimeSpan turnaround)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(response);
        return Transaction(baudRate, request.Length, response.Length, turnaround);
    }
}
