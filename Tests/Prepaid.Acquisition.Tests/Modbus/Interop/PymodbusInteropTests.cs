using System.Globalization;
using System.Text.Json;
using Prepaid.Acquisition.Modbus;

namespace Prepaid.Acquisition.Tests.Modbus.Interop;

/// <summary>Our client and server against pymodbus (Debian python3-pymodbus), which nobody here wrote.</summary>
public class PymodbusInteropTests
{
    public static TheoryData<ModbusFraming> Framings => [ModbusFraming.Tcp, ModbusFraming.Rtu];

    [Theory]
    [MemberData(nameof(Framings))]
    public async Task OurClient_PymodbusServer_ReadsAndWrites(ModbusFraming framing)
    {
        await using var peer = await InteropTools.StartPymodbusServerAsync(framing);
        await using var client = new ModbusClient(new TcpModbusChannelFactory("127.0.0.1", peer.Port),
            new ModbusClientOptions { Framing = framing, Timeout = TimeSpan.FromSeconds(3) });

        Assert.Equal(new ushort[] { 1000, 1001, 1002, 1003, 1004 }, await client.ReadHoldingRegistersAsync(1, 0, 5));
        Assert.Equal(new ushort[] { 2010, 2011 }, await client.ReadInputRegistersAsync(1, 10, 2));
        Assert.Equal(new[] { true, false, false, true, false, false, true }, await client.ReadCoilsAsync(1, 0, 7));
        Assert.Equal(new[] { true, false, true }, await client.ReadDiscreteInputsAsync(1, 0, 3));
        Assert.Equal(125, (await client.ReadHoldingRegistersAsync(1, 0, 125)).Length);

        await client.WriteSingleRegisterAsync(1, 20, 0xABCD);
        await client.WriteMultipleRegistersAsync(1, 21, [1, 2, 3]);
        await client.WriteSingleCoilAsync(1, 1, true);
        await client.WriteMultipleCoilsAsync(1, 2, [true, true]);
        Assert.Equal(new ushort[] { 0xABCD, 1, 2, 3 }, await client.ReadHoldingRegistersAsync(1, 20, 4));
        Assert.Equal(new[] { true, true, true, true }, await client.ReadCoilsAsync(1, 0, 4));
        Assert.Equal(new ushort[] { 0xABCD, 1, 2, 3, 77 }, await client.ReadWriteMultipleRegistersAsync(1, 20, 5, 24, [77]));

        await client.WriteDecimalAsync(1, 30, -12.34m, ModbusValueType.Int32, 0.01m);
        Assert.Equal(-12.34m, await client.ReadDecimalAsync(1, 30, ModbusValueType.Int32, 0.01m));

        var ex = await Assert.ThrowsAsync<ModbusExceptionResponseException>(() => client.ReadHoldingRegistersAsync(1, 190, 20));
        Assert.Equal(ModbusExceptionCode.IllegalDataAddress, ex.ExceptionCode);
    }

    [Theory]
    [MemberData(nameof(Framings))]
    public async Task PymodbusClient_OurServer_GetsOurValues(ModbusFraming framing)
    {
        InteropTools.RequireTool(InteropTools.Python, "python3-pymodbus");
        var bank = new ModbusRegisterBank();
        bank.SetRegisters(ModbusTable.HoldingRegisters, 0, 11, 22, 33, 44, 55);
        bank.SetRegisters(ModbusTable.HoldingRegisters, 65535, 0xFFFE);
        bank.SetRegisters(ModbusTable.InputRegisters, 10, 100, 200, 300);
        bank.SetBits(ModbusTable.Coils, 0, true, false, true, false, false, false, false, false, true, true);
        bank.SetBits(ModbusTable.DiscreteInputs, 0, false, true, true, false);
        await using var server = new ModbusServer(new ModbusServerOptions { Framing = framing });
        server.AddUnit(1, bank);
        server.Start();

        var (exit, output, error) = await InteropTools.RunAsync(InteropTools.Python,
            [InteropTools.Script("pymodbus_client.py"), InteropTools.FramingArgument(framing), server.Port.ToString(CultureInfo.InvariantCulture)],
            TimeSpan.FromSeconds(30));
        Assert.True(exit == 0, $"pymodbus client failed ({exit}): {error}\n{output}");

        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal([11, 22, 33, 44, 55], Ints(root, "holding"));
        Assert.Equal([100, 200, 300], Ints(root, "input"));
        Assert.Equal([true, false, true, false, false, false, false, false, true, true], root.GetProperty("coils").EnumerateArray().Select(e => e.GetBoolean()));
        Assert.Equal([false, true, true, false], root.GetProperty("discrete").EnumerateArray().Select(e => e.GetBoolean()));
        Assert.Equal([0xFFFE], Ints(root, "last"));
        Assert.Equal([4321, 7, 8, 9], Ints(root, "readwrite"));
        Assert.Equal(55, bank.GetRegister(ModbusTable.HoldingRegisters, 104));
        Assert.True(bank.GetBit(ModbusTable.Coils, 50));
        Assert.Equal([true, false, true], new[] { 60, 61, 62 }.Select(a => bank.GetBit(ModbusTable.Coils, (ushort)a)));
    }

    private static int[] Ints(JsonElement root, string name) => root.GetProperty(name).EnumerateArray().Select(e => e.GetInt32()).ToArray();
}
