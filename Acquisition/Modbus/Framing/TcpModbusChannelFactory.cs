using System.Net.Sockets;

namespace Prepaid.Acquisition.Modbus;

/// <summary>Opens TCP connections to a Modbus TCP device or an RTU-over-TCP (transparent) gateway.</summary>
public sealed class TcpModbusChannelFactory : IModbusChannelFactory
{
    /// <summary>Creates a factory for <paramref name="host"/>:<paramref name="port"/>.</summary>
    public TcpModbusChannelFactory(string host, int port)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        Host = host;
        Port = port;
    }

    /// <summary>Host name or address.</summary>
    public string Host { get; }

    /// <summary>TCP port.</summary>
    public int Port { get; }

    /// <inheritdoc />
    public async ValueTask<IModbusChannel> OpenAsync(CancellationToken cancellationToken)
    {
        var client = new TcpClient { NoDelay = true };
        try
        {
            // Timeouts keep the connection (late answers are skipped by transaction id), so keep-alive is what
            // eventually notices a gateway that vanished without closing the connection.
            client.Client.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            client.Client.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, 30);
            client.Client.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, 5);
            client.Client.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, 3);
            await client.ConnectAsync(Host, Port, cancellationToken).ConfigureAwait(false);
            return new StreamModbusChannel(client.GetStream(), client);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"tcp://{Host}:{Port}";
}
