using System.Diagnostics;
using System.Globalization;
using Prepaid.Acquisition.Modbus;

namespace Prepaid.Acquisition.Tests.Modbus.Interop;

/// <summary>
/// The serial (System.IO.Ports) channel on a pseudo-terminal that Debian's socat bridges to our RTU-over-TCP
/// server, so the RTU path through a real tty is exercised without hardware.
/// </summary>
public class SerialPortInteropTests
{
    private const string Socat = "/usr/bin/socat";

    [Fact]
    public async Task SerialClient_PtyBridgedToRtuServer_ReadsAndWrites()
    {
        InteropTools.RequireTool(Socat, "socat");
        var bank = new ModbusRegisterBank();
        bank.SetRegisters(ModbusTable.HoldingRegisters, 0x0200, 7, 2301, 2299);
        await using var server = new ModbusServer(new ModbusServerOptions { Framing = ModbusFraming.Rtu });
        server.AddUnit(5, bank);
        server.Start();

        var directory = Directory.CreateTempSubdirectory("modbus-pty-");
        var link = Path.Combine(directory.FullName, "ttyMODBUS");
        var info = new ProcessStartInfo(Socat) { UseShellExecute = false, RedirectStandardError = true };
        foreach (var argument in new[] { $"pty,raw,echo=0,link={link}", $"tcp:127.0.0.1:{server.Port.ToString(CultureInfo.InvariantCulture)}" })
        {
            info.ArgumentList.Add(argument);
        }

        using var socat = Process.Start(info)!;
        try
        {
            var waited = Stopwatch.StartNew();
            while (!File.Exists(link) && waited.Elapsed < TimeSpan.FromSeconds(10) && !socat.HasExited)
            {
                await Task.Delay(20);
            }

            Assert.True(File.Exists(link), "socat did not create the pty link.");
            await using var client = ModbusClient.ForSerial(new ModbusSerialSettings { PortName = link, BaudRate = 38400 },
                new ModbusClientOptions { Timeout = TimeSpan.FromSeconds(2) });

            Assert.Equal(new ushort[] { 7, 2301, 2299 }, await client.ReadHoldingRegistersAsync(5, 0x0200, 3));
            await client.WriteMultipleRegistersAsync(5, 0x0057, [1, 1]);
            Assert.Equal(1, bank.GetRegister(ModbusTable.HoldingRegisters, 0x0058));

            // A unit nobody hosts stays silent on RTU: the serial read must honour the timeout.
            await client.DisconnectAsync();
            await using var impatient = ModbusClient.ForSerial(new ModbusSerialSettings { PortName = link, BaudRate = 38400 },
                new ModbusClientOptions { Timeout = TimeSpan.FromMilliseconds(300), Retries = 0 });
            await Assert.ThrowsAsync<ModbusTimeoutException>(() => impatient.ReadHoldingRegistersAsync(9, 0, 1));
            Assert.Equal(new ushort[] { 7 }, await impatient.ReadHoldingRegistersAsync(5, 0x0200, 1));
        }
        finally
        {
            if (!socat.HasExited)
            {
                socat.Kill();
                await socat.WaitForExitAsync();
            }

            directory.Delete(recursive: true);
        }
    }
}
