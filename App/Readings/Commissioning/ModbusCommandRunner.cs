using System.Globalization;
using Prepaid.Acquisition.Modbus;

namespace Prepaid.App.Readings.Commissioning;

/// <summary>Runs <c>modbus read</c> and <c>modbus write</c>; exit codes: 0 done, 1 device or communication error, 2 bad arguments.</summary>
internal static class ModbusCommandRunner
{
    public static async Task<int> ReadAsync(ModbusCommandSettings s, int function, int count, TextWriter output, CancellationToken cancellationToken)
    {
        var registers = count * s.RegistersPerValue;
        if (count < 1 || registers > ModbusLimits.MaxReadRegisters || s.Address + registers > ModbusLimits.AddressSpace)
        {
            await output.WriteLineAsync($"--count must be 1 or more, at most {ModbusLimits.MaxReadRegisters} registers in one read, and not pass address 65535.");
            return 2;
        }

        if (s.Unit == 0 && s.Framing == ModbusFraming.Rtu)
        {
            await output.WriteLineAsync("--unit 0 is the RTU broadcast address: it carries writes only and gets no answer.");
            return 2;
        }

        await using var client = Client(s);
        return await RunAsync(s, output, async () =>
        {
            var values = function == 4
                ? await client.ReadInputRegistersAsync(s.Unit, s.Address, registers, cancellationToken)
                : await client.ReadHoldingRegistersAsync(s.Unit, s.Address, registers, cancellationToken);
            for (var i = 0; i < count; i++)
            {
                var address = s.Address + (i * s.RegistersPerValue);
                var value = ModbusRegisterConverter.ToDecimal(values.AsSpan(i * s.RegistersPerValue), s.Type, s.Scale, s.WordOrder);
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"[{address}] 0x{address:X4}: {s.Format(value)}"));
            }
        });
    }

    public static async Task<int> WriteAsync(ModbusCommandSettings s, string[] texts, TextWriter output, CancellationToken cancellationToken)
    {
        var registers = new List<ushort>();
        foreach (var text in texts)
        {
            if (!decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
            {
                await output.WriteLineAsync($"'{text}' is not a number.");
                return 2;
            }

            try
            {
                registers.AddRange(ModbusRegisterConverter.FromDecimal(value, s.Type, s.Scale, s.WordOrder));
            }
            catch (ArgumentException ex)
            {
                await output.WriteLineAsync($"'{text}' cannot be written as {s.Type} with scale {s.Scale}: {ex.Message}");
                return 2;
            }
        }

        if (registers.Count is 0 or > ModbusLimits.MaxWriteRegisters || s.Address + registers.Count > ModbusLimits.AddressSpace)
        {
            await output.WriteLineAsync($"--values must give 1 to {ModbusLimits.MaxWriteRegisters} registers that do not pass address 65535.");
            return 2;
        }

        await using var client = Client(s);
        return await RunAsync(s, output, async () =>
        {
            await client.WriteMultipleRegistersAsync(s.Unit, s.Address, [.. registers], cancellationToken);
            var broadcast = s.Unit == 0 && s.Framing == ModbusFraming.Rtu ? " as a broadcast (no answer expected)" : "";
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Wrote {registers.Count} register(s) at {s.Address} (0x{s.Address:X4}){broadcast}: {string.Join(' ', registers)}"));
        });
    }

    private static ModbusClient Client(ModbusCommandSettings s) =>
        new(new TcpModbusChannelFactory(s.Host, s.Port), new ModbusClientOptions { Framing = s.Framing, Timeout = s.Timeout, Retries = 0 });

    private static async Task<int> RunAsync(ModbusCommandSettings s, TextWriter output, Func<Task> action)
    {
        try
        {
            await action();
            return 0;
        }
        catch (ModbusExceptionResponseException ex)
        {
            await output.WriteLineAsync($"Unit {s.Unit} answered exception 0x{(byte)ex.ExceptionCode:X2} ({ex.ExceptionCode}).");
        }
        catch (ModbusGatewayException ex)
        {
            await output.WriteLineAsync($"The gateway reports unit {s.Unit} silent: exception 0x{(byte)ex.ExceptionCode:X2} ({ex.ExceptionCode}).");
        }
        catch (ModbusCommunicationException ex)
        {
            await output.WriteLineAsync($"No valid answer from {s.Host}:{s.Port} unit {s.Unit}: {ex.Message}");
        }
        catch (System.Net.Sockets.SocketException ex)
        {
            await output.WriteLineAsync($"Cannot connect to {s.Host}:{s.Port}: {ex.Message}");
        }

        return 1;
    }
}
