using Prepaid.Acquisition.Modbus;

namespace Prepaid.Acquisition.Tests.Modbus;

/// <summary>Our server on a free loopback port with one register bank as unit 1, plus a client factory.</summary>
internal sealed class ServerHarness : IAsyncDisposable
{
    private readonly List<ModbusClient> _clients = [];
    private int _requests;

    private ServerHarness(ModbusFraming framing, ModbusRegisterBank bank)
    {
        Framing = framing;
        Bank = bank;
        Server = new ModbusServer(new ModbusServerOptions { Framing = framing });
        Server.AddUnit(1, bank);
        Server.FaultInjector = (unit, pdu) =>
        {
            var n = Interlocked.Increment(ref _requests);
            return Faults?.Invoke(n, unit, pdu) ?? ModbusFault.None;
        };
        Server.Start();
    }

    public ModbusFraming Framing { get; }

    public ModbusRegisterBank Bank { get; }

    public ModbusServer Server { get; }

    /// <summary>Chooses a fault from the 1-based request number seen by the server.</summary>
    public Func<int, byte, ModbusPdu, ModbusFault>? Faults { get; set; }

    public int Requests => Volatile.Read(ref _requests);

    public static ServerHarness Start(ModbusFraming framing, ModbusRegisterBank? bank = null) => new(framing, bank ?? new ModbusRegisterBank());

    public ModbusClient Client(ModbusClientOptions? options = null, TimeProvider? time = null)
    {
        var client = new ModbusClient(new TcpModbusChannelFactory("127.0.0.1", Server.Port),
            (options ?? new ModbusClientOptions { Timeout = TimeSpan.FromSeconds(2) }) with { Framing = Framing }, time);
        _clients.Add(client);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }

        await Server.DisposeAsync();
    }
}
