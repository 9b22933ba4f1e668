using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;
using Prepaid.Acquisition.Drivers;
using Prepaid.Acquisition.Modbus;
using Prepaid.Acquisition.Simulator;
using Prepaid.Acquisition.Tests.Modbus.Interop;

namespace Prepaid.Acquisition.Tests.Simulator;

/// <summary>Debian's pymodbus and mbpoll, written by others, read the simulator and see our register map.</summary>
public partial class SimulatorInteropTests
{
    private readonly FakeTimeProvider _time = new(MallFixtures.SummerMorning);

    [Fact]
    public async Task Pymodbus_ReadsRealTimeBlockOverModbusTcp_TypeCodeEnergyAndBalance()
    {
        await using var mall = await StartAsync();
        var shop = (SimulatedElectricityMeter)mall.Meter("shop-1");
        var (registers, _) = await PymodbusAsync(mall.Buses[0], 1, ElectricityRegisters.RealTimeStart, ElectricityRegisters.RealTimeCount);

        Assert.Equal(7, registers[0]);
        var energy = ((registers[0x15] << 16) | registers[0x16]) * 0.01m;
        Assert.Equal(decimal.Floor(shop.TotalEnergyKwh * 100m) / 100m, energy);
        Assert.True(energy > 0m);
        var remaining = unchecked((int)(((uint)registers[0x1F] << 16) | (uint)registers[0x20])) * 0.01m;
        Assert.Equal(decimal.Floor(shop.Remaining * 100m) / 100m, remaining);
        Assert.Equal(0x2009, registers[0x24] & 0x2009);
    }

    [Fact]
    public async Task Pymodbus_ReadsWaterMeterOverRtuOverTcp_ValveOpenAndVolume()
    {
        await using var mall = await StartAsync();
        var (registers, _) = await PymodbusAsync(mall.Buses[1], 1, 0, WaterRegisters.BlockCount);
        Assert.Equal((int)ValveState.Open, registers[WaterRegisters.ValveState]);
        Assert.True(((registers[0] << 16) | registers[1]) > 0);
        Assert.Equal(0, registers[WaterRegisters.PurchaseCount]);
    }

    [Fact]
    public async Task Pymodbus_WritesPurchaseTwiceThenWrongCount_AppliedOnceAndException03()
    {
        await using var mall = await StartAsync();
        var before = mall.Meter("shop-1").Remaining;
        var (registers, writes) = await PymodbusAsync(mall.Buses[0], 1, ElectricityRegisters.PurchaseCount, 1, 1, 5000, 1, 5000, 5, 5000);
        Assert.Equal([0, 0, 3], writes);
        Assert.Equal(1, registers[0]);
        Assert.Equal(before + 50m, mall.Meter("shop-1").Remaining);
    }

    [Fact]
    public async Task Mbpoll_ReadsTypeCodeAndEnergyHighWordFirst()
    {
        InteropTools.RequireTool(InteropTools.MbPoll, "mbpoll");
        await using var mall = await StartAsync();
        var restaurant = (SimulatedElectricityMeter)mall.Meter("restaurant-2");
        var port = mall.Buses[0].Port;

        Assert.Equal([(512, 5L)], Values(await MbpollAsync(port, 2, "-t", "4", "-r", "512", "-c", "1")));
        var energy = Values(await MbpollAsync(port, 2, "-t", "4:int", "-B", "-r", "533", "-c", "1"));
        Assert.Equal([(533, (long)decimal.Floor(restaurant.TotalEnergyKwh * 100m))], energy);
    }

    private async Task<MallSimulator> StartAsync()
    {
        var mall = new MallSimulator(MallFixtures.SmallMall(), new MallSimulatorOptions { TimeProvider = _time });
        mall.Start();
        _time.Advance(TimeSpan.FromHours(2));
        mall.UpdateLoads();
        _time.Advance(TimeSpan.FromHours(1));
        return mall;
    }

    private static async Task<(int[] Registers, int[] Writes)> PymodbusAsync(SimulatedBus bus, int unit, int address, int count, params int[] purchases)
    {
        InteropTools.RequireTool(InteropTools.Python, "python3-pymodbus");
        string[] arguments =
        [
            Script(), InteropTools.FramingArgument(bus.Framing), Invariant(bus.Port), Invariant(unit), Invariant(address), Invariant(count),
            .. purchases.Select(Invariant),
        ];
        var (exit, output, error) = await InteropTools.RunAsync(InteropTools.Python, arguments, TimeSpan.FromSeconds(30));
        Assert.True(exit == 0, $"pymodbus client failed ({exit}): {error}\n{output}");
        using var json = JsonDocument.Parse(output);
        int[] Ints(string name) => [.. json.RootElement.GetProperty(name).EnumerateArray().Select(e => e.GetInt32())];
        return (Ints("registers"), Ints("writes"));
    }

    private static async Task<string> MbpollAsync(int port, int unit, params string[] options)
    {
        // -0: 0-based (PDU) addresses; -1: poll once; -o: timeout in seconds.
        string[] all = ["-m", "tcp", "-a", Invariant(unit), "-0", "-1", "-o", "3", "-p", Invariant(port), .. options, "127.0.0.1"];
        var (exit, output, error) = await InteropTools.RunAsync(InteropTools.MbPoll, all, TimeSpan.FromSeconds(30));
        Assert.True(exit == 0, $"mbpoll failed ({exit}): {error}\n{output}");
        return output;
    }

    private static string Script([CallerFilePath] string sourceFile = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(sourceFile)!, "sim_client.py");
        Assert.True(File.Exists(path), $"Interop script not found at {path}.");
        return path;
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static List<(int, long)> Values(string output) =>
        ValueLine().Matches(output).Select(m => (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))).ToList();

    [GeneratedRegex(@"^\[(\d+)\]:\s+(-?\d+)", RegexOptions.Multiline)]
    private static partial Regex ValueLine();
}
