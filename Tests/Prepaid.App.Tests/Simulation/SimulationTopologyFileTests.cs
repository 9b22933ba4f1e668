using Prepaid.App.Hosting;
using Prepaid.App.Simulation;
using Prepaid.App.Tests.Support;

namespace Prepaid.App.Tests.Simulation;

public sealed class SimulationTopologyFileTests
{
    [Fact]
    public async Task WriteThenRead_DemoMall_KeepsEveryBusAndMeter()
    {
        await using var database = await TestDatabase.CreateAsync(seedDemo: true);
        var topology = await new SimulationTopologyLoader(database).LoadAsync(TestTime.DefaultStart, CancellationToken.None);
        var path = Path.Combine(database.Folder, "topology.json");

        await SimulationTopologyFile.From(topology, "Asia/Shanghai").WriteAsync(path, CancellationToken.None);
        var read = await SimulationTopologyFile.ReadAsync(path, CancellationToken.None);

        Assert.Equal(
            topology.Gateways.SelectMany(g => g.Buses).Select(b => (b.Name, b.TcpPort, b.BaudRate, b.Meters.Count)),
            read.Gateways.SelectMany(g => g.Buses).Select(b => (b.Name, b.TcpPort, b.BaudRate, b.Meters.Count)));
        Assert.Equal(
            topology.Meters().Select(x => x.Meter).Select(m => (m.Key, m.UnitId, m.Settings.Profile, m.Settings.InitialBalance, m.Settings.CtRatio, m.Load.Kind)),
            read.Meters().Select(x => x.Meter).Select(m => (m.Key, m.UnitId, m.Settings.Profile, m.Settings.InitialBalance, m.Settings.CtRatio, m.Load.Kind)));
    }

    [Theory]
    [InlineData("not json at all", "not a topology file")]
    [InlineData("{}", "has no \"gateways\"")]
    [InlineData("""{"timeZone":"Asia/Shanghai","gateways":[{"name":"G","framing":"Serial","buses":[]}]}""", "not a topology file")]
    [InlineData("""{"timeZone":"Mars/Olympus","gateways":[]}""", "'Mars/Olympus' is not a known time zone")]
    [InlineData("""{"timeZone":"Asia/Shanghai","gateways":[{"name":"G","framing":"ModbusTcp","buses":[{"name":"B","tcpPort":70000,"baudRate":9600,"meters":[]}]}]}""", "tcpPort 70000 is not a port")]
    [InlineData("""{"timeZone":"Asia/Shanghai","gateways":[{"name":"G","framing":"ModbusTcp","buses":[{"name":"B","tcpPort":0,"baudRate":300,"meters":[]}]}]}""", "baudRate 300 is outside 1200 to 115200")]
    [InlineData("""{"timeZone":"Asia/Shanghai","gateways":[{"name":"G","framing":"ModbusTcp","buses":[{"name":"B","tcpPort":0,"baudRate":9600,"meters":[{"unitId":3,"profile":"PublicArea"},{"unitId":3,"profile":"PublicArea"}]}]}]}""", "unitId 3 appears twice")]
    [InlineData("""{"timeZone":"Asia/Shanghai","gateways":[{"name":"G","framing":"ModbusTcp","buses":[{"name":"B","tcpPort":0,"baudRate":9600,"meters":[{"unitId":248,"profile":"PublicArea"}]}]}]}""", "unitId 248 is outside 1 to 247")]
    public async Task Simulate_BrokenTopologyFile_ExitsWithASpecificError(string content, string expected)
    {
        var path = Path.Combine(Path.GetTempPath(), $"prepaid-topology-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, content);
        try
        {
            var output = new StringWriter();

            var exit = await PrepaidCommandLine.InvokeAsync(["simulate", "--topology", path], output);

            Assert.Equal(2, exit);
            Assert.Contains(expected, output.ToString());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
