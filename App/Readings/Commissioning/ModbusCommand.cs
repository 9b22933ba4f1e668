using System.CommandLine;
using System.Globalization;
using Prepaid.Acquisition.Modbus;

namespace Prepaid.App.Readings.Commissioning;

/// <summary>
/// <c>modbus read|write</c>: a commissioning tool in the spirit of mbpoll, on our own Modbus stack, for checking a
/// gateway port or a meter on site: typed values (u16, s16, u32, s32, word order, scale) and plain-language errors.
/// </summary>
public static class ModbusCommand
{
    /// <summary>Creates the <c>modbus</c> command with its <c>read</c> and <c>write</c> subcommands.</summary>
    public static Command Create()
    {
        var modbus = new Command("modbus", "Read or write registers of a Modbus device or gateway port (commissioning).");
        modbus.Subcommands.Add(CreateRead());
        modbus.Subcommands.Add(CreateWrite());
        return modbus;
    }

    private static Command CreateRead()
    {
        var o = new ModbusCommandOptions();
        var function = new Option<int>("--function", "-f") { Description = "3 holding registers (default) or 4 input registers.", DefaultValueFactory = _ => 3 };
        function.AcceptOnlyFromAmong("3", "4");
        var count = new Option<int>("--count", "-c") { Description = "Number of values to read.", DefaultValueFactory = _ => 1 };
        var read = new Command("read", "Read and decode values, e.g. modbus read --port 502 --unit 3 --address 0x0215 --type u32 --scale 0.01");
        o.AddTo(read);
        read.Options.Add(function);
        read.Options.Add(count);
        read.SetAction((result, ct) => ModbusCommandRunner.ReadAsync(o.Parse(result), result.GetValue(function), result.GetValue(count),
            result.InvocationConfiguration.Output, ct));
        return read;
    }

    private static Command CreateWrite()
    {
        var o = new ModbusCommandOptions();
        var values = new Option<string[]>("--values", "-v")
        {
            Description = "Values to write (scaled by --scale, encoded by --type), consecutive from --address.",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var write = new Command("write", "Write values with FC16, e.g. modbus write --port 502 --unit 3 --address 0x0057 --values 1 1");
        o.AddTo(write);
        write.Options.Add(values);
        write.SetAction((result, ct) => ModbusCommandRunner.WriteAsync(o.Parse(result), result.GetValue(values) ?? [],
            result.InvocationConfiguration.Output, ct));
        return write;
    }

    /// <summary>Parses an address in decimal or 0x hexadecimal.</summary>
    internal static bool TryParseAddress(string text, out ushort address)
    {
        text = text.Trim();
        return text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? ushort.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out address)
            : ushort.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out address);
    }
}
