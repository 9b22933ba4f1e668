using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Prepaid.Acquisition.Modbus;
using Prepaid.Acquisition.Tests.Logging;

namespace Prepaid.Acquisition.Tests.Modbus;

public class ModbusServerTests
{
    [Theory]
    [InlineData(ModbusFraming.Tcp)]
    [InlineData(ModbusFraming.Rtu)]
    public async Task AddUnit_ManyUnits_EachAnswersFromItsOwnBank(ModbusFraming framing)
    {
        await using var server = new ModbusServer(new ModbusServerOptions { Framing = framing });
        for (byte unit = 1; unit <= 30; unit++)
        {
            var bank = new ModbusRegisterBank(size: 0x300);
            bank.SetRegisters(ModbusTable.HoldingRegisters, 0x200, unit, (ushort)(unit * 100));
            server.AddUnit(unit, bank);
        }

        server.Start();
        await using var client = new ModbusClient(new TcpModbusChannelFactory("127.0.0.1", server.Port), new ModbusClientOptions { Framing = framing });
        for (byte unit = 1; unit <= 30; unit++)
        {
            Assert.Equal(new ushort[] { unit, (ushort)(unit * 100) }, await client.ReadHoldingRegistersAsync(unit, 0x200, 2));
        }
    }

    [Fact]
    public async Task RemoveUnit_ThenRead_AnswersGatewayFault()
    {
        await using var server = new ModbusServer();
        server.AddUnit(3, new ModbusRegisterBank());
        server.Start();
        await using var client = ModbusClient.ForTcp("127.0.0.1", server.Port);
        await client.ReadHoldingRegistersAsync(3, 0, 1);
        Assert.True(server.RemoveUnit(3));
        await Assert.ThrowsAsync<ModbusGatewayException>(() => client.ReadHoldingRegistersAsync(3, 0, 1));
    }

    [Fact]
    public async Task RunAsync_Cancelled_StopsListeningAndReturns()
    {
        var server = new ModbusServer();
        server.AddUnit(1, new ModbusRegisterBank());
        using var cts = new CancellationTokenSource();
        var run = server.RunAsync(cts.Token);
        await using (var client = ModbusClient.ForTcp("127.0.0.1", server.Port))
        {
            await client.ReadHoldingRegistersAsync(1, 0, 1);
        }

        var port = server.Port;
        await cts.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(5));
        using var probe = new TcpClient();
        await Assert.ThrowsAnyAsync<SocketException>(() => probe.ConnectAsync("127.0.0.1", port));
        await server.DisposeAsync();
    }

    [Fact]
    public async Task Start_Twice_Throws()
    {
        await using var server = new ModbusServer();
        server.Start();
        Assert.NotEqual(0, server.Port);
        Assert.Throws<InvalidOperationException>(server.Start);
    }

    [Fact]
    public async Task FaultyUnit_Throws_AnswersServerDeviceFailure()
    {
        await using var server = new ModbusServer();
        server.AddUnit(1, new ThrowingUnit());
        server.Start();
        await using var client = ModbusClient.ForTcp("127.0.0.1", server.Port);
        var ex = await Assert.ThrowsAsync<ModbusExceptionResponseException>(() => client.ReadHoldingRegistersAsync(1, 0, 1));
        Assert.Equal(ModbusExceptionCode.ServerDeviceFailure, ex.ExceptionCode);
    }

    [Fact]
    public async Task FaultyUnit_Throws_LogsWarningWithUnitAndPort()
    {
        var logs = new CapturingLoggerFactory();
        await using var server = new ModbusServer(logger: logs.CreateLogger<ModbusServer>());
        server.AddUnit(7, new ThrowingUnit());
        server.Start();
        await using var client = ModbusClient.ForTcp("127.0.0.1", server.Port);
        await Assert.ThrowsAsync<ModbusExceptionResponseException>(() => client.ReadHoldingRegistersAsync(7, 0, 1));

        var failed = Assert.Single(logs.Logs, e => e.EventId.Name == "UnitFailed");

        Assert.Equal(LogLevel.Warning, failed.Level);
        Assert.Equal((byte)7, failed.Field("Unit"));
        Assert.Equal(server.Port, failed.Field("Port"));
        Assert.Equal(ModbusFunctionCodes.ReadHoldingRegisters, failed.Field("Function"));
        Assert.NotNull(failed.Exception);
    }

    [Fact]
    public async Task TcpServer_BadProtocolId_ClosesConnection()
    {
        await using var server = new ModbusServer();
        server.AddUnit(1, new ModbusRegisterBank());
        server.Start();
        using var raw = new TcpClient();
        await raw.ConnectAsync("127.0.0.1", server.Port);
        var stream = raw.GetStream();
        await stream.WriteAsync(TestHex.Bytes("00 01 00 07 00 06 01 03 00 00 00 01"));
        var buffer = new byte[16];
        var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(0, read);
    }

    [Fact]
    public async Task RtuBroadcast_WriteToUnitZero_AppliedByEveryUnitWithoutAnswer()
    {
        await using var server = new ModbusServer(new ModbusServerOptions { Framing = ModbusFraming.Rtu });
        var banks = Enumerable.Range(0, 3).Select(_ => new ModbusRegisterBank()).ToArray();
        for (var i = 0; i < banks.Length; i++)
        {
            server.AddUnit((byte)(i + 1), banks[i]);
        }

        server.Start();
        await using var client = ModbusClient.ForRtuOverTcp("127.0.0.1", server.Port);
        await client.WriteSingleRegisterAsync(0, 0x10, 77);

        // The server handles one connection's frames in order, so the broadcast is applied before this read.
        Assert.Equal(new ushort[] { 77 }, await client.ReadHoldingRegistersAsync(3, 0x10, 1));
        Assert.All(banks, b => Assert.Equal(77, b.GetRegister(ModbusTable.HoldingRegisters, 0x10)));
        await Assert.ThrowsAsync<ArgumentException>(() => client.ReadHoldingRegistersAsync(0, 0x10, 1));
    }

    private sealed class ThrowingUnit : IModbusUnit
    {
        public ValueTask<ModbusPdu> HandleAsync(ModbusPdu request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("simulated unit bug");
    }
}
