using System.CommandLine;
using Prepaid.Acquisition.Modbus;
using Prepaid.App.Readings.Commissioning;
namespace Prepaid.App.Tests.Readings.Commissioning;

public sealed class ModbusCommandTests : IAsyncLifetime
{
    private readonly ModbusRegisterBank _bank = new();
    private readonly ModbusServer _server = new(new ModbusServerOptions { Framing = ModbusFraming.Tcp });
    private readonly ModbusServer _rtuServer = new(new ModbusServerOptions { Framing = ModbusFraming.Rtu });

    public Task InitializeAsync()
    {
        _server.AddUnit(3, _bank);
        _server.Start();
        _rtuServer.AddUnit(3, _bank);
        _rtuServer.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _rtuServer.DisposeAsync();
    }

    [Fact]
    public async Task Read_U32WithScale_PrintsEngineeringValues()
    {
        _bank.SetRegisters(ModbusTable.HoldingRegisters, 0x0215, 0x0001, 0xE240, 0x0000, 0x04D2);
        var (exit, output) = await RunAsync("read", "--port", Port, "--unit", "3", "--address", "0x0215", "--count", "2", "--type", "u32", "--scale", "0.01");
        Assert.Equal(0, exit);
        Assert.Equal(["[533] 0x0215: 1234.56", "[535] 0x0217: 12.34"], Lines(output));
    }

    [Fact]
    public async Task Read_S32LowWordFirstOverRtu_PrintsNegativeValue()
    {
        _bank.SetRegisters(ModbusTable.HoldingRegisters, 0x021F, ModbusRegisterConverter.FromInt32(-1050, WordOrder.LowWordFirst));
        var (exit, output) = await RunAsync("read", "--port", _rtuServer.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--framing", "rtu-over-tcp",
            "--unit", "3", "--address", "543", "--type", "s32", "--word-order", "low-first", "--scale", "0.01");
        Assert.Equal(0, exit);
        Assert.Equal(["[543] 0x021F: -10.50"], Lines(output));
    }

    [Fact]
    public async Task Write_TwoValues_BankHoldsThem()
    {
        var (exit, output) = await RunAsync("write", "--port", Port, "--unit", "3", "--address", "0x0057", "--values", "1", "1");
        Assert.Equal(0, exit);
        Assert.Contains("Wrote 2 register(s) at 87", output, StringComparison.Ordinal);
        Assert.Equal(1, _bank.GetRegister(ModbusTable.HoldingRegisters, 0x57));
        Assert.Equal(1, _bank.GetRegister(ModbusTable.HoldingRegisters, 0x58));
    }

    [Fact]
    public async Task Write_ValueWithTooManyDecimals_ExitsTwoWithoutWriting()
    {
        var (exit, output) = await RunAsync("write", "--port", Port, "--unit", "3", "--address", "100", "--type", "u32", "--scale", "0.01", "--values", "1.005");
        Assert.Equal(2, exit);
        Assert.Contains("cannot be written", output, StringComparison.Ordinal);
        Assert.Equal(0, _bank.GetRegister(ModbusTable.HoldingRegisters, 100));
    }

    [Fact]
    public async Task Read_UnknownUnitOnModbusTcp_ReportsGatewaySilence()
    {
        var (exit, output) = await RunAsync("read", "--port", Port, "--unit", "9", "--address", "0");
        Assert.Equal(1, exit);
        Assert.Contains("0x0B", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_AddressOutsideBank_ReportsException02()
    {
        var small = new ModbusRegisterBank(16);
        _server.AddUnit(4, small);
        var (exit, output) = await RunAsync("read", "--port", Port, "--unit", "4", "--address", "20");
        Assert.Equal(1, exit);
        Assert.Contains("exception 0x02 (IllegalDataAddress)", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("read", "--address", "0", "--framing", "udp")]
    [InlineData("read", "--address", "70000")]
    [InlineData("read", "--address", "0", "--type", "float")]
    [InlineData("read", "--address", "0", "--unit", "300")]
    [InlineData("read")]
    [InlineData("write", "--address", "0")]
    public async Task Parse_BadArguments_NonZeroExitWithMessage(params string[] args)
    {
        var (exit, output) = await RunAsync(args);
        Assert.NotEqual(0, exit);
        Assert.False(string.IsNullOrWhiteSpace(output));
    }

    [Fact]
    public async Task Read_NothingListening_ExitsOneCannotConnect()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var (exit, output) = await RunAsync("read", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--address", "0", "--timeout", "300");

        Assert.Equal(1, exit);
        Assert.Contains("Cannot connect", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_RtuBroadcastUnit_ExitsTwo()
    {
        var (exit, output) = await RunAsync("read", "--port", Port, "--framing", "rtu-over-tcp", "--unit", "0", "--address", "0");
        Assert.Equal(2, exit);
        Assert.Contains("broadcast", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_CountAboveOneRead_ExitsTwo()
    {
        var (exit, output) = await RunAsync("read", "--port", Port, "--address", "0", "--type", "u32", "--count", "63");
        Assert.Equal(2, exit);
        Assert.Contains("125", output, StringComparison.Ordinal);
    }

    private string Port => _server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        var writer = new StringWriter();
        var root = new RootCommand { ModbusCommand.Create() };
        var exit = await root.Parse(["modbus", .. args]).InvokeAsync(new InvocationConfiguration { Output = writer, Error = writer });
        return (exit, writer.ToString());
    }

    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
