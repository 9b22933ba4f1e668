using Prepaid.Acquisition.Modbus;

namespace Prepaid.Acquisition.Tests.Modbus;

/// <summary>The client against a scripted fake device sending replies no correct server would.</summary>
public class ModbusClientScriptedPeerTests
{
    private static readonly ModbusClientOptions Options = new() { Timeout = TimeSpan.FromMilliseconds(500), Retries = 1 };

    private static ModbusClient Client(ScriptedTcpPeer peer, ModbusFraming framing, ModbusClientOptions? options = null) =>
        new(new TcpModbusChannelFactory("127.0.0.1", peer.Port), (options ?? Options) with { Framing = framing, ReconnectDelay = TimeSpan.Zero, BusyDelay = TimeSpan.Zero });

    private static ModbusPdu Answer(ModbusPdu request, params ushort[] values) => ModbusResponseEncoder.Registers(request.FunctionCode, values);

    [Fact]
    public async Task Read_TcpReplyWithBadProtocolId_ReconnectsAndRetries()
    {
        ScriptedTcpPeer? peer = null;
        peer = new ScriptedTcpPeer(ModbusFraming.Tcp, e =>
        {
            var bytes = peer!.Encode(e, Answer(e.Request, 42));
            if (e.Connection == 1)
            {
                bytes[3] = 0x01;
            }

            return bytes;
        });
        await using (peer)
        {
            await using var client = Client(peer, ModbusFraming.Tcp);
            Assert.Equal(new ushort[] { 42 }, await client.ReadHoldingRegistersAsync(1, 0, 1));
            Assert.Equal(2, peer.Connections);
        }
    }

    [Fact]
    public async Task Read_RtuReplyFromOtherUnitThenOurs_TakesOurs()
    {
        ScriptedTcpPeer? peer = null;
        peer = new ScriptedTcpPeer(ModbusFraming.Rtu, e =>
            [.. peer!.Encode(e with { UnitId = 2 }, Answer(e.Request, 666)), .. peer.Encode(e, Answer(e.Request, 42))]);
        await using (peer)
        {
            await using var client = Client(peer, ModbusFraming.Rtu, Options with { Retries = 0 });
            Assert.Equal(new ushort[] { 42 }, await client.ReadHoldingRegistersAsync(1, 0, 1));
        }
    }

    [Theory]
    [InlineData(ModbusFraming.Tcp)]
    [InlineData(ModbusFraming.Rtu)]
    public async Task Write_EchoWithWrongQuantity_ThrowsProtocolAfterRetries(ModbusFraming framing)
    {
        ScriptedTcpPeer? peer = null;
        peer = new ScriptedTcpPeer(framing, e =>
        {
            var echo = e.Request.Span[..5].ToArray();
            echo[4]++;
            return peer!.Encode(e, ModbusPdu.FromBytes(echo));
        });
        await using (peer)
        {
            await using var client = Client(peer, framing);
            await Assert.ThrowsAsync<ModbusProtocolException>(() => client.WriteMultipleRegistersAsync(1, 0x57, [1, 1]));
            Assert.Equal(2, peer.Requests);
        }
    }

    [Theory]
    [InlineData(ModbusFraming.Tcp)]
    [InlineData(ModbusFraming.Rtu)]
    public async Task Read_ManyConcurrentCallers_NeverPipelined(ModbusFraming framing)
    {
        ScriptedTcpPeer? peer = null;
        peer = new ScriptedTcpPeer(framing, e => peer!.Encode(e, Answer(e.Request, (ushort)e.Number))) { ReplyDelay = TimeSpan.FromMilliseconds(5) };
        await using (peer)
        {
            await using var client = Client(peer, framing);
            await client.ReadHoldingRegistersAsync(1, 0, 1);
            await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.ReadHoldingRegistersAsync(1, 0, 1)));
            Assert.Equal(21, peer.Requests);
            Assert.Equal(1, peer.Connections);
            Assert.False(peer.SawPipelining);
        }
    }

    [Fact]
    public async Task Read_RtuReplyShorterThanRequested_IsRejectedAsProtocolFault()
    {
        ScriptedTcpPeer? peer = null;
        peer = new ScriptedTcpPeer(ModbusFraming.Rtu, e => peer!.Encode(e, Answer(e.Request, 1)));
        await using (peer)
        {
            await using var client = Client(peer, ModbusFraming.Rtu, Options with { Timeout = TimeSpan.FromMilliseconds(200), Retries = 0 });
            await Assert.ThrowsAsync<ModbusProtocolException>(() => client.ReadHoldingRegistersAsync(1, 0, 2));
        }
    }
}
