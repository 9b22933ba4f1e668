using System.Net.Sockets;
using Prepaid.Acquisition.Modbus;

namespace Prepaid.Acquisition.Tests.Modbus;

/// <summary>The server holds no more connections than a gateway would, and lets a silent peer go.</summary>
public sealed class ModbusServerLimitsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>Waits for the server to close the connection: a read that returns no byte.</summary>
    private static async Task<int> ReadUntilClosedAsync(TcpClient client) =>
        await client.GetStream().ReadAsync(new byte[16]).AsTask().WaitAsync(Patience);

    [Fact]
    public async Task Accept_MoreConnectionsThanTheLimit_TheNewcomerIsClosedAndTheOthersKeepBeingServed()
    {
        await using var server = new ModbusServer(new ModbusServerOptions { MaxConnections = 2 });
        server.AddUnit(1, new ModbusRegisterBank());
        server.Start();
        await using var first = ModbusClient.ForTcp("127.0.0.1", server.Port);
        await using var second = ModbusClient.ForTcp("127.0.0.1", server.Port);
        await first.ReadHoldingRegistersAsync(1, 0, 1);
        await second.ReadHoldingRegistersAsync(1, 0, 1);

        using var third = new TcpClient();
        await third.ConnectAsync("127.0.0.1", server.Port);

        Assert.Equal(0, await ReadUntilClosedAsync(third));
        Assert.Single(await first.ReadHoldingRegistersAsync(1, 0, 1));
        Assert.Single(await second.ReadHoldingRegistersAsync(1, 0, 1));
        Assert.Equal(2, server.ConnectionCount);
    }

    [Fact]
    public async Task Serve_PeerSilentForTheIdleTimeout_IsClosed()
    {
        var clock = new SignallingTimeProvider();
        await using var server = new ModbusServer(new ModbusServerOptions { TimeProvider = clock, IdleTimeout = TimeSpan.FromMinutes(1) });
        server.Start();
        using var silent = new TcpClient();
        await silent.ConnectAsync("127.0.0.1", server.Port);
        Assert.Equal(TimeSpan.FromMinutes(1), await clock.NextWaitAsync(Patience));   // the idle window of the connection

        clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(0, await ReadUntilClosedAsync(silent));
    }

    [Theory]
    [InlineData(0, 60)]
    [InlineData(8, 0)]
    public void Create_LimitsThatCannotWork_AreRefused(int maxConnections, int idleSeconds) =>
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() =>
            new ModbusServer(new ModbusServerOptions { MaxConnections = maxConnections, IdleTimeout = TimeSpan.FromSeconds(idleSeconds) }));
}
