using System.Globalization;

namespace Prepaid.Acquisition.Modbus;

/// <summary>Hex formatting for log and exception messages.</summary>
internal static class Hex
{
    public static string Format(ReadOnlySpan<byte> bytes)
    {
        const int max = 64;
        var shown = bytes.Length > max ? bytes[..max] : bytes;
        var text = string.Join(' ', shown.ToArray().Select(b => b.ToString("X2", CultureInfo.InvariantCulture)));
        return bytes.Length > max ? text + $" ... ({bytes.Length} bytes)" : text;
    }
}
