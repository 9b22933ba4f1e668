using System.Net.Sockets;
using Prepaid.Acquisition.Modbus;

namespace Prepaid.Acquisition.Tests.Modbus;

/// <summary>Random and corrupted bytes thrown at a running server must not stop it serving well-behaved clients.</summary>
public class ModbusServerFuzzTests
{
    [Theory]
    [InlineData(ModbusFraming.Tcp, 31)]
    [InlineData(ModbusFraming.Rtu, 32)]
    public async Task Server_RandomBytesOnManyConnections_KeepsServingValidClients(ModbusFraming framing, int seed)
    {
        var bank = new ModbusRegisterBank();
        bank.SetRegisters(ModbusTable.HoldingRegisters, 0, 1234);
        await using var server = new ModbusServer(new ModbusServerOptions { Framing = framing });
        server.AddUnit(1, bank);
        server.Start();
        var random = new Random(seed);
        var framer = IModbusFramer.For(framing);

        for (var connection = 0; connection < 20; connection++)
        {
            using var raw = new TcpClient();
            await raw.ConnectAsync("127.0.0.1", server.Port);
            var stream = raw.GetStream();
            for (var i = 0; i < 50; i++)
            {
                var valid = framer.Encode((ushort)i, 1, ModbusRequests.ReadHoldingRegisters((ushort)random.Next(100), random.Next(1, 126)));
                var bytes = random.Next(3) switch
                {
                    0 => RandomBytes(random, random.Next(1, 64)),
                    1 => valid[..random.Next(1, valid.Length)],
                    _ => Corrupt(random, valid),
                };
                try
                {
                    await stream.WriteAsync(bytes);
                }
                catch (IOException)
                {
                    // The server may close a TCP connection whose header makes no sense.
                    break;
                }
            }
        }

        // The fuzzing connections are closed; once the server has let them go, a newcomer is not refused for its
        // connection limit (a loaded machine can take a moment to tell the server).
        await Eventually.HoldsAsync(() => server.ConnectionCount == 0, "the server to let the fuzzing connections go");
        await using var client = new ModbusClient(new TcpModbusChannelFactory("127.0.0.1", server.Port), new ModbusClientOptions { Framing = framing });
        Assert.Equal(new ushort[] { 1234 }, await client.ReadHoldingRegistersAsync(1, 0, 1));
    }

    private static byte[] Corrupt(Random random, byte[] frame)
    {
        var copy = (byte[])frame.Clone();
        copy[random.Next(copy.Length)] ^= (byte)random.Next(1, 256);
        return copy;
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
