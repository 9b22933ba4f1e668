using System.Net;
using System.Net.Sockets;
using Prepaid.Acquisition.Modbus;

namespace Prepaid.Acquisition.Tests.Modbus;

/// <summary>
/// A fake Modbus device on a loopback port that answers each request with whatever bytes the script returns,
/// so tests can send replies no correct server would. Also notices a client that pipelines requests.
/// </summary>
internal sealed class ScriptedTcpPeer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<Exchange, byte[]> _script;
    private readonly IModbusFramer _framer;
    private readonly Task _loop;
    private int _connections;
    private int _requests;

    public ScriptedTcpPeer(ModbusFraming framing, Func<Exchange, byte[]> script)
    {
        _framer = IModbusFramer.For(framing);
        _script = script;
        _listener.Start();
        _loop = Task.Run(AcceptAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Connections => Volatile.Read(ref _connections);

    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Set when a request arrived while the previous one was still unanswered.</summary>
    public bool SawPipelining { get; private set; }

    /// <summary>Delay before each reply, to give a pipelining client the chance to show itself.</summary>
    public TimeSpan ReplyDelay { get; init; }

    /// <summary>Frames a reply the normal way.</summary>
    public byte[] Encode(Exchange exchange, ModbusPdu pdu) => _framer.Encode(exchange.TransactionId, exchange.UnitId, pdu);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        var handlers = new List<Task>();
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                var connection = Interlocked.Increment(ref _connections);
                handlers.Add(Task.Run(() => ServeAsync(client, connection)));
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        await Task.WhenAll(handlers);
    }

    private async Task ServeAsync(TcpClient client, int connection)
    {
        using (client)
        {
            var channel = new StreamModbusChannel(client.GetStream());
            var reader = new FrameReader(channel);
            try
            {
                while (true)
                {
                    var frame = await _framer.ReadRequestAsync(reader, _stop.Token);
                    var number = Interlocked.Increment(ref _requests);
                    await Task.Delay(ReplyDelay, _stop.Token);
                    if (client.Available > 0 || reader.Count > 0)
                    {
                        SawPipelining = true;
                    }

                    var reply = _script(new Exchange(connection, number, frame.TransactionId, frame.UnitId, frame.Pdu));
                    if (reply.Length == 0)
                    {
                        return;
                    }

                    await channel.WriteAsync(reply, _stop.Token);
                }
            }
            catch (Exception ex) when (ex is ModbusException or IOException or OperationCanceledException or ObjectDisposedException)
            {
            }
        }
    }

    /// <summary>One request as the peer saw it; a script returning no bytes closes the connection.</summary>
    internal sealed record Exchange(int Connection, int Number, ushort TransactionId, byte UnitId, ModbusPdu Request);
}
