using System.Globalization;
using System.Text.RegularExpressions;
using Prepaid.Acquisition.Modbus;

namespace Prepaid.Acquisition.Tests.Modbus.Interop;

/// <summary>Debian's mbpoll (libmodbus based) as an independent Modbus TCP client of our server.</summary>
public partial class MbpollInteropTests
{
    [Fact]
    public async Task Mbpoll_ReadsHoldingRegisters_GetsOurValues()
    {
        await using var server = await StartServerAsync(bank => bank.SetRegisters(ModbusTable.HoldingRegisters, 0x200, 7, 2301, 0, 0, 1234));
        var output = await MbpollAsync(server.Port, "-t", "4", "-r", "512", "-c", "5");
        Assert.Equal([(512, 7L), (513, 2301L), (514, 0L), (515, 0L), (516, 1234L)], Values(output));
    }

    [Fact]
    public async Task Mbpoll_Reads32BitBigEndian_GetsOurSignedValue()
    {
        await using var server = await StartServerAsync(bank =>
            bank.SetRegisters(ModbusTable.HoldingRegisters, 0x21F, ModbusRegisterConverter.FromInt32(-1234567)));
        var output = await MbpollAsync(server.Port, "-t", "4:int", "-B", "-r", "543", "-c", "1");
        Assert.Equal([(543, -1234567L)], Values(output));
    }

    [Fact]
    public async Task Mbpoll_ReadsInputsAndCoils_GetsOurBits()
    {
        await using var server = await StartServerAsync(bank =>
        {
            bank.SetBits(ModbusTable.Coils, 0, true, false, true);
            bank.SetRegisters(ModbusTable.InputRegisters, 65535, 999);
        });
        Assert.Equal([(0, 1L), (1, 0L), (2, 1L)], Values(await MbpollAsync(server.Port, "-t", "0", "-r", "0", "-c", "3")));
        Assert.Equal([(65535, 999L)], Values(await MbpollAsync(server.Port, "-t", "3", "-r", "65535", "-c", "1")));
    }

    [Fact]
    public async Task Mbpoll_WritesRegisters_OurBankHoldsThem()
    {
        var bank = new ModbusRegisterBank();
        await using var server = await StartServerAsync(b => { }, bank);
        await MbpollAsync(server.Port, "-t", "4", "-r", "87", "1", "1");
        Assert.Equal(1, bank.GetRegister(ModbusTable.HoldingRegisters, 0x57));
        Assert.Equal(1, bank.GetRegister(ModbusTable.HoldingRegisters, 0x58));
    }

    private static async Task<ModbusServer> StartServerAsync(Action<ModbusRegisterBank> fill, ModbusRegisterBank? bank = null)
    {
        InteropTools.RequireTool(InteropTools.MbPoll, "mbpoll");
        bank ??= new ModbusRegisterBank();
        fill(bank);
        var server = new ModbusServer(new ModbusServerOptions { Framing = ModbusFraming.Tcp });
        server.AddUnit(1, bank);
        server.Start();
        return server;
    }

    private static async Task<string> MbpollAsync(int port, params string[] arguments)
    {
        // -0: 0-based (PDU) addresses; -1: poll once; -o: timeout in seconds.
        string[] all = ["-m", "tcp", "-a", "1", "-0", "-1", "-o", "3", "-p", port.ToString(CultureInfo.InvariantCulture), .. arguments[..Split(arguments)], "127.0.0.1", .. arguments[Split(arguments)..]];
        var (exit, output, error) = await InteropTools.RunAsync(InteropTools.MbPoll, all, TimeSpan.FromSeconds(30));
        Assert.True(exit == 0, $"mbpoll failed ({exit}): {error}\n{output}");
        return output;
    }

    /// <summary>Index of the first value to write: options (flag and value pairs, or the lone -B) come first.</summary>
    private static int Split(string[] arguments)
    {
        var i = 0;
        while (i < arguments.Length && arguments[i].StartsWith('-'))
        {
            i += arguments[i] is "-B" ? 1 : 2;
        }

        return Math.Min(i, arguments.Length);
    }

    private static List<(int, long)> Values(string output) =>
        ValueLine().Matches(output).Select(m => (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))).ToList();

    [GeneratedRegex(@"^\[(\d+)\]:\s+(-?\d+)", RegexOptions.Multiline)]
    private static partial Regex ValueLine();
}
