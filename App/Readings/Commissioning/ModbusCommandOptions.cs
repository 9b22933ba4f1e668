using System.CommandLine;
using System.Globalization;
using Prepaid.Acquisition.Modbus;

namespace Prepaid.App.Readings.Commissioning;

/// <summary>The connection and value options shared by <c>modbus read</c> and <c>modbus write</c>.</summary>
internal sealed class ModbusCommandOptions
{
    private readonly Option<string> _host = new("--host") { Description = "Device or gateway address.", DefaultValueFactory = _ => "127.0.0.1" };
    private readonly Option<int> _port = new("--port", "-p") { Description = "TCP port.", DefaultValueFactory = _ => 502 };
    private readonly Option<string> _framing = new("--framing") { Description = "tcp (Modbus TCP) or rtu-over-tcp (transparent gateway).", DefaultValueFactory = _ => "tcp" };
    private readonly Option<int> _unit = new("--unit", "-u") { Description = "Unit id (slave address), 0-247.", DefaultValueFactory = _ => 1 };
    private readonly Option<string> _address = new("--address", "-a") { Description = "First register, 0-based (PDU) address, decimal or 0x hex.", Required = true };
    private readonly Option<string> _type = new("--type", "-t") { Description = "u16, s16, u32 or s32.", DefaultValueFactory = _ => "u16" };
    private readonly Option<string> _wordOrder = new("--word-order") { Description = "32-bit word order: high-first (default, ABCD) or low-first (CDAB).", DefaultValueFactory = _ => "high-first" };
    private readonly Option<decimal> _scale = new("--scale") { Description = "Engineering value = raw x scale, e.g. 0.01 for 0.01 kWh.", DefaultValueFactory = _ => 1m };
    private readonly Option<int> _timeout = new("--timeout") { Description = "Answer timeout in milliseconds.", DefaultValueFactory = _ => 1000 };

    public ModbusCommandOptions()
    {
        _framing.AcceptOnlyFromAmong("tcp", "rtu-over-tcp");
        _type.AcceptOnlyFromAmong("u16", "s16", "u32", "s32");
        _wordOrder.AcceptOnlyFromAmong("high-first", "low-first");
        _port.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 65535)
            {
                r.AddError("--port must be between 1 and 65535.");
            }
        });
        _unit.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 0 or > 247)
            {
                r.AddError("--unit must be between 0 and 247.");
            }
        });
        _address.Validators.Add(r =>
        {
            if (!ModbusCommand.TryParseAddress(r.GetValueOrDefault<string>() ?? "", out _))
            {
                r.AddError("--address must be 0-65535, decimal or 0x hexadecimal.");
            }
        });
        _scale.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<decimal>() <= 0)
            {
                r.AddError("--scale must be positive.");
            }
        });
        _timeout.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1)
            {
                r.AddError("--timeout must be at least 1 ms.");
            }
        });
    }

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _host, _port, _framing, _unit, _address, _type, _wordOrder, _scale, _timeout })
        {
            command.Options.Add(option);
        }
    }

    public ModbusCommandSettings Parse(ParseResult result)
    {
        ModbusCommand.TryParseAddress(result.GetValue(_address)!, out var address);
        return new ModbusCommandSettings(
            result.GetValue(_host)!,
            result.GetValue(_port),
            result.GetValue(_framing) == "rtu-over-tcp" ? ModbusFraming.Rtu : ModbusFraming.Tcp,
            (byte)result.GetValue(_unit),
            address,
            result.GetValue(_type) switch { "s16" => ModbusValueType.Int16, "u32" => ModbusValueType.UInt32, "s32" => ModbusValueType.Int32, _ => ModbusValueType.UInt16 },
            result.GetValue(_wordOrder) == "low-first" ? WordOrder.LowWordFirst : WordOrder.HighWordFirst,
            result.GetValue(_scale),
            TimeSpan.FromMilliseconds(result.GetValue(_timeout)));
    }
}

/// <summary>Parsed connection and value settings.</summary>
internal sealed record ModbusCommandSettings(string Host, int Port, ModbusFraming Framing, byte Unit, ushort Address, ModbusValueType Type,
    WordOrder WordOrder, decimal Scale, TimeSpan Timeout)
{
    public int RegistersPerValue => ModbusRegisterConverter.RegisterCount(Type);

    public string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
