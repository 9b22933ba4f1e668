using Prepaid.Acquisition.Modbus;

namespace Prepaid.Acquisition.Tests.Modbus;

/// <summary>Our client against our server, in both framings.</summary>
public class ModbusClientTests
{
    public static TheoryData<ModbusFraming> Framings => [ModbusFraming.Tcp, ModbusFraming.Rtu];

    [Theory]
    [MemberData(nameof(Framings))]
    public async Task AllFunctions_AgainstServer_RoundTrip(ModbusFraming framing)
    {
        await using var harness = ServerHarness.Start(framing);
        var client = harness.Client();
        harness.Bank.SetRegisters(ModbusTable.InputRegisters, 10, 7, 8);
        harness.Bank.SetBits(ModbusTable.DiscreteInputs, 3, true, false, true);

        await client.WriteSingleRegisterAsync(1, 0, 0x1234);
        await client.WriteMultipleRegistersAsync(1, 1, [1, 2, 3]);
        await client.WriteSingleCoilAsync(1, 5, true);
        await client.WriteMultipleCoilsAsync(1, 6, [true, false, true]);

        Assert.Equal(new ushort[] { 0x1234, 1, 2, 3 }, await client.ReadHoldingRegistersAsync(1, 0, 4));
        Assert.Equal(new ushort[] { 7, 8 }, await client.ReadInputRegistersAsync(1, 10, 2));
        Assert.Equal(new[] { true, true, false, true }, await client.ReadCoilsAsync(1, 5, 4));
        Assert.Equal(new[] { true, false, true }, await client.ReadDiscreteInputsAsync(1, 3, 3));
        Assert.Equal(new ushort[] { 9, 2 }, await client.ReadWriteMultipleRegistersAsync(1, 1, 2, 1, [9]));
    }

    [Theory]
    [MemberData(nameof(Framings))]
    public async Task ReadHoldingRegisters_MaximumBlockAtEndOfTable_Works(ModbusFraming framing)
    {
        await using var harness = ServerHarness.Start(framing);
        var values = Enumerable.Range(0, 125).Select(i => (ushort)(i * 3)).ToArray();
        harness.Bank.SetRegisters(ModbusTable.HoldingRegisters, 65536 - 125, values);
        Assert.Equal(values, await harness.Client().ReadHoldingRegistersAsync(1, 65536 - 125, 125));
    }

    [Theory]
    [MemberData(nameof(Framings))]
    public async Task SendAsync_VendorPrivateFunction_ReturnsRawPdu(ModbusFraming framing)
    {
        var bank = new ModbusRegisterBank { CustomFunction = pdu => ModbusPdu.Create(pdu.FunctionCode, [.. pdu.Data, 0x99]) };
        await using var harness = ServerHarness.Start(framing, bank);
        var response = await harness.Client().SendAsync(1, ModbusPdu.Create(0x20, [0x01, 0x02]));
        Assert.Equal("20 01 02 99", response.ToString());
    }

    [Theory]
    [MemberData(nameof(Framings))]
    public async Task ReadHoldingRegisters_IllegalAddress_ThrowsExceptionResponseWithoutRetry(ModbusFraming framing)
    {
        await using var harness = ServerHarness.Start(framing, new ModbusRegisterBank(size: 100));
        var ex = await Assert.ThrowsAsync<ModbusExceptionResponseException>(() => harness.Client().ReadHoldingRegistersAsync(1, 99, 2));
        Assert.Equal(ModbusExceptionCode.IllegalDataAddress, ex.ExceptionCode);
        Assert.Equal(1, harness.Requests);
    }

    [Fact]
    public async Task Read_UnknownUnitOverTcp_ThrowsGatewayFault()
    {
        await using var harness = ServerHarness.Start(ModbusFraming.Tcp);
        var ex = await Assert.ThrowsAsync<ModbusGatewayException>(() => harness.Client().ReadHoldingRegistersAsync(9, 0, 1));
        Assert.Equal(ModbusExceptionCode.GatewayTargetDeviceFailedToRespond, ex.ExceptionCode);
    }

    [Fact]
    public async Task Read_UnknownUnitOverRtu_TimesOut()
    {
        await using var harness = ServerHarness.Start(ModbusFraming.Rtu);
        var client = harness.Client(new ModbusClientOptions { Timeout = TimeSpan.FromMilliseconds(100), Retries = 0 });
        await Assert.ThrowsAsync<ModbusTimeoutException>(() => client.ReadHoldingRegistersAsync(9, 0, 1));
    }

    [Theory]
    [MemberData(nameof(Framings))]
    public async Task Read_ManyConcurrentCallersOnOneClient_AllGetTheirOwnAnswer(ModbusFraming framing)
    {
        await using var harness = ServerHarness.Start(framing);
        for (ushort i = 0; i < 50; i++)
        {
            harness.Bank.SetRegisters(ModbusTable.HoldingRegisters, i, (ushort)(1000 + i));
        }

        var client = harness.Client();
        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => client.ReadHoldingRegistersAsync(1, (ushort)i, 1)));
        Assert.Equal(Enumerable.Range(0, 50).Select(i => (ushort)(1000 + i)), results.Select(r => r[0]));
    }

    [Theory]
    [MemberData(nameof(Framings))]
    public async Task Read_ConcurrentClients_ServedInParallel(ModbusFraming framing)
    {
        await using var harness = ServerHarness.Start(framing);
        harness.Bank.SetRegisters(ModbusTable.HoldingRegisters, 0, 42);
        var clients = Enumerable.Range(0, 8).Select(_ => harness.Client()).ToList();
        var results = await Task.WhenAll(clients.Select(async c =>
        {
            var sum = 0;
            for (var i = 0; i < 20; i++)
            {
                sum += (await c.ReadHoldingRegistersAsync(1, 0, 1))[0];
            }

            return sum;
        }));
        Assert.All(results, r => Assert.Equal(42 * 20, r));
    }

    [Fact]
    public async Task Read_CancelledWhileWaiting_ThrowsOperationCanceled()
    {
        await using var harness = ServerHarness.Start(ModbusFraming.Tcp);
        harness.Faults = (_, _, _) => ModbusFault.Silent;
        var client = harness.Client(new ModbusClientOptions { Timeout = TimeSpan.FromSeconds(10) });
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ReadHoldingRegistersAsync(1, 0, 1, cts.Token));
    }

    [Fact]
    public async Task DisposeAsync_RequestInFlight_CancelsItPromptly()
    {
        await using var harness = ServerHarness.Start(ModbusFraming.Tcp);
        harness.Faults = (_, _, _) => ModbusFault.Silent;
        var client = new ModbusClient(new TcpModbusChannelFactory("127.0.0.1", harness.Server.Port), new ModbusClientOptions { Timeout = TimeSpan.FromSeconds(30) });
        var pending = client.ReadHoldingRegistersAsync(1, 0, 1);
        var queued = client.ReadHoldingRegistersAsync(1, 0, 1);
        await Eventually.HoldsAsync(() => harness.Requests > 0, "the first request reached the server");

        await client.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.ReadHoldingRegistersAsync(1, 0, 1));
    }

    [Fact]
    public async Task DisposeAsync_ServerWithConnectedClients_Completes()
    {
        var harness = ServerHarness.Start(ModbusFraming.Tcp);
        var client = harness.Client();
        await client.ReadHoldingRegistersAsync(1, 0, 1);
        Assert.Equal(1, harness.Server.ConnectionCount);
        await harness.Server.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        await Assert.ThrowsAsync<ModbusCommunicationException>(() =>
            client.ReadHoldingRegistersAsync(1, 0, 1).WaitAsync(TimeSpan.FromSeconds(10)));
        await harness.DisposeAsync();
    }
}
