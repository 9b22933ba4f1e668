using Prepaid.Acquisition.Modbus;

namespace Prepaid.Acquisition.Tests.Modbus.Interop;

/// <summary>
/// RTU through a real tty: a pseudo-terminal bridged by socat to our RTU-over-TCP server. Exercises the
/// System.IO.Ports channel, and lets mbpoll (libmodbus) check our RTU framing as an independent serial master.
/// </summary>
public class SerialPortInteropTests
{
    [Fact]
    public async Task SerialClient_PtyBridgedToRtuServer_ReadsAndWrites()
    {
        var bank = new ModbusRegisterBank();
        bank.SetRegisters(ModbusTable.HoldingRegisters, 0x0200, 7, 2301, 2299);
        await using var server = StartRtuServer(5, bank);
        await using var pty = await PtyBridge.StartAsync(server.Port);

        await using (var client = ModbusClient.ForSerial(new ModbusSerialSettings { PortName = pty.Path, BaudRate = 38400 },
                         new ModbusClientOptions { Timeout = TimeSpan.FromSeconds(2) }))
        {
            Assert.Equal(new ushort[] { 7, 2301, 2299 }, await client.ReadHoldingRegistersAsync(5, 0x0200, 3));
            await client.WriteMultipleRegistersAsync(5, 0x0057, [1, 1]);
            Assert.Equal(1, bank.GetRegister(ModbusTable.HoldingRegisters, 0x0058));
        }

        // A unit nobody hosts stays silent on RTU: the serial read must honour the timeout, and the bus still works after.
        await using var impatient = ModbusClient.ForSerial(new ModbusSerialSettings { PortName = pty.Path, BaudRate = 38400 },
            new ModbusClientOptions { Timeout = TimeSpan.FromMilliseconds(300), Retries = 0 });
        await Assert.ThrowsAsync<ModbusTimeoutException>(() => impatient.ReadHoldingRegistersAsync(9, 0, 1));
        Assert.Equal(new ushort[] { 7 }, await impatient.ReadHoldingRegistersAsync(5, 0x0200, 1));
    }

    [Fact]
    public async Task Mbpoll_RtuOnPtyBridgedToOurServer_GetsOurValues()
    {
        InteropTools.RequireTool(InteropTools.MbPoll, "mbpoll");
        var bank = new ModbusRegisterBank();
        bank.SetRegisters(ModbusTable.HoldingRegisters, 0x0215, ModbusRegisterConverter.FromUInt32(123456));
        await using var server = StartRtuServer(7, bank);
        await using var pty = await PtyBridge.StartAsync(server.Port);

        var (exit, output, error) = await InteropTools.RunAsync(InteropTools.MbPoll,
            ["-m", "rtu", "-b", "38400", "-P", "none", "-a", "7", "-0", "-1", "-o", "3", "-t", "4:int", "-B", "-r", "533", "-c", "1", pty.Path],
            TimeSpan.FromSeconds(30));
        Assert.True(exit == 0, $"mbpoll failed ({exit}): {error}\n{output}");
        Assert.Contains("[533]: \t123456", output, StringComparison.Ordinal);
    }

    private static ModbusServer StartRtuServer(byte unitId, ModbusRegisterBank bank)
    {
        var server = new ModbusServer(new ModbusServerOptions { Framing = ModbusFraming.Rtu });
        server.AddUnit(unitId, bank);
        server.Start();
        return server;
    }
}
