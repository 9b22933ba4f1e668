using Prepaid.Acquisition.Modbus;

namespace Prepaid.Acquisition.Tests.Modbus;

/// <summary>The client against our server with faults injected.</summary>
public class ModbusClientFaultTests
{
    // Short where a timeout is the expected outcome; Patient where an answer is expected after a lost attempt,
    // so a loaded CI machine does not turn a late but valid answer into a failure.
    private static readonly ModbusClientOptions Fast = new() { Timeout = TimeSpan.FromMilliseconds(150), Retries = 0 };
    private static readonly ModbusClientOptions Patient = new() { Timeout = TimeSpan.FromMilliseconds(500), Retries = 1 };

    public static TheoryData<ModbusFraming> Framings => [ModbusFraming.Tcp, ModbusFraming.Rtu];

    [Theory]
    [MemberData(nameof(Framings))]
    public async Task Read_SilentUnit_TimesOutAfterRetries(ModbusFraming framing)
    {
        await using var harness = ServerHarness.Start(framing);
        harness.Faults = (_, _, _) => ModbusFault.Silent;
        var client = harness.Client(Fast with { Retries = 2 });
        await Assert.ThrowsAsync<ModbusTimeoutException>(() => client.ReadHoldingRegistersAsync(1, 0, 1));
        Assert.Equal(3, harness.Requests);
    }

    [Theory]
    [MemberData(nameof(Framings))]
    public async Task Read_GarbageThenValidFrame_Resynchronises(ModbusFraming framing)
    {
        await using var harness = ServerHarness.Start(framing);
        harness.Bank.SetRegisters(ModbusTable.HoldingRegisters, 0, 0xBEEF);

        // For TCP the garbage is a whole frame with a foreign transaction id, the only garbage MBAP can skip.
        var garbage = framing == ModbusFraming.Rtu
            ? new byte[] { 0x01, 0x03, 0x02, 0x00, 0x01, 0x00, 0x03, 0xFF, 0x01 }
            : new byte[] { 0xAB, 0xCD, 0x00, 0x00, 0x00, 0x05, 0x01, 0x03, 0x02, 0x00, 0x01 };
        harness.Faults = (_, _, _) => ModbusFault.GarbageThenAnswer(garbage);
        Assert.Equal(new ushort[] { 0xBEEF }, await harness.Client(Patient with { Retries = 0 }).ReadHoldingRegistersAsync(1, 0, 1));
    }

    [Fact]
    public async Task Read_CorruptCrcOnce_RetriesAndSucceeds()
    {
        await using var harness = ServerHarness.Start(ModbusFraming.Rtu);
        harness.Bank.SetRegisters(ModbusTable.HoldingRegisters, 0, 7);
        harness.Faults = (n, _, _) => n == 1 ? ModbusFault.CorruptCrc : ModbusFault.None;
        Assert.Equal(new ushort[] { 7 }, await harness.Client(Patient).ReadHoldingRegistersAsync(1, 0, 1));
        Assert.Equal(2, harness.Requests);
    }

    [Fact]
    public async Task Read_CorruptCrcWithoutRetries_ThrowsProtocolFaultNamingCrc()
    {
        await using var harness = ServerHarness.Start(ModbusFraming.Rtu);
        harness.Faults = (_, _, _) => ModbusFault.CorruptCrc;
        var ex = await Assert.ThrowsAsync<ModbusProtocolException>(() => harness.Client(Fast).ReadHoldingRegistersAsync(1, 0, 1));
        Assert.Contains("CRC", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_LateAnswerWithOldTransactionId_IsDiscarded()
    {
        var bank = new ModbusRegisterBank();
        ushort reads = 0;
        bank.BeforeRead = (_, _, _) => bank.SetRegisters(ModbusTable.HoldingRegisters, 0, ++reads);
        await using var harness = ServerHarness.Start(ModbusFraming.Tcp, bank);
        // The server answers one request per connection at a time, so attempt 2 is answered right after the late answer.
        harness.Faults = (n, _, _) => n == 1 ? ModbusFault.Slow(TimeSpan.FromMilliseconds(900)) : ModbusFault.None;
        var client = harness.Client(Patient with { Timeout = TimeSpan.FromMilliseconds(600) });

        // Attempt 1 times out; its answer (value 1) arrives late and must not be taken for attempt 2's (value 2).
        Assert.Equal(new ushort[] { 2 }, await client.ReadHoldingRegistersAsync(1, 0, 1));
    }

    [Theory]
    [MemberData(nameof(Framings))]
    public async Task Read_GatewayTargetFailed_ThrowsCommunicationFaultWithoutRetry(ModbusFraming framing)
    {
        await using var harness = ServerHarness.Start(framing);
        harness.Faults = (_, _, _) => ModbusFault.GatewayTargetFailed;
        var ex = await Assert.ThrowsAsync<ModbusGatewayException>(() => harness.Client(Patient with { Retries = 3 }).ReadHoldingRegistersAsync(1, 0, 1));
        Assert.IsAssignableFrom<ModbusCommunicationException>(ex);
        Assert.Equal(1, harness.Requests);
    }

    [Fact]
    public async Task Read_GatewayPathUnavailable_ThrowsCommunicationFault()
    {
        await using var harness = ServerHarness.Start(ModbusFraming.Tcp);
        harness.Faults = (_, _, _) => ModbusFault.Exception(ModbusExceptionCode.GatewayPathUnavailable);
        var ex = await Assert.ThrowsAsync<ModbusGatewayException>(() => harness.Client(Patient).ReadHoldingRegistersAsync(1, 0, 1));
        Assert.Equal(ModbusExceptionCode.GatewayPathUnavailable, ex.ExceptionCode);
    }

    [Theory]
    [MemberData(nameof(Framings))]
    public async Task Read_BusyTwiceThenAnswer_BacksOffAndSucceeds(ModbusFraming framing)
    {
        await using var harness = ServerHarness.Start(framing);
        harness.Bank.SetRegisters(ModbusTable.HoldingRegisters, 0, 5);
        harness.Faults = (n, _, _) => n <= 2 ? ModbusFault.Busy : ModbusFault.None;
        var time = new SignallingTimeProvider();
        var client = harness.Client(Patient with { Retries = 0, BusyDelay = TimeSpan.FromMilliseconds(200) }, time);
        var read = client.ReadHoldingRegistersAsync(1, 0, 1);

        Assert.Equal(TimeSpan.FromMilliseconds(200), await time.NextWaitAsync());
        time.Advance(TimeSpan.FromMilliseconds(200));
        Assert.Equal(TimeSpan.FromMilliseconds(400), await time.NextWaitAsync());
        time.Advance(TimeSpan.FromMilliseconds(400));

        Assert.Equal(new ushort[] { 5 }, await read);
        Assert.Equal([TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400)], time.Waits);
        Assert.Equal(3, harness.Requests);
    }

    [Fact]
    public async Task Read_BusyBeyondBusyRetries_ThrowsBusyException()
    {
        await using var harness = ServerHarness.Start(ModbusFraming.Tcp);
        harness.Faults = (_, _, _) => ModbusFault.Busy;
        var client = harness.Client(Patient with { BusyRetries = 2, BusyDelay = TimeSpan.Zero });
        var ex = await Assert.ThrowsAsync<ModbusExceptionResponseException>(() => client.ReadHoldingRegistersAsync(1, 0, 1));
        Assert.Equal(ModbusExceptionCode.ServerDeviceBusy, ex.ExceptionCode);
        Assert.Equal(3, harness.Requests);
    }

    [Theory]
    [MemberData(nameof(Framings))]
    public async Task Read_ServerClosesConnection_ReconnectsAndSucceeds(ModbusFraming framing)
    {
        await using var harness = ServerHarness.Start(framing);
        harness.Bank.SetRegisters(ModbusTable.HoldingRegisters, 0, 11);
        harness.Faults = (n, _, _) => n == 1 ? ModbusFault.Disconnect : ModbusFault.None;
        var time = new SignallingTimeProvider();
        var client = harness.Client(Patient with { ReconnectDelay = TimeSpan.FromMilliseconds(100) }, time);
        var read = client.ReadHoldingRegistersAsync(1, 0, 1);

        Assert.Equal(TimeSpan.FromMilliseconds(100), await time.NextWaitAsync());
        time.Advance(TimeSpan.FromMilliseconds(100));

        Assert.Equal(new ushort[] { 11 }, await read);
        Assert.Equal([TimeSpan.FromMilliseconds(100)], time.Waits);
    }

    [Fact]
    public async Task Read_AfterConnectionsDropped_ReconnectsOnNextRequest()
    {
        await using var harness = ServerHarness.Start(ModbusFraming.Tcp);
        harness.Bank.SetRegisters(ModbusTable.HoldingRegisters, 0, 3);
        var client = harness.Client(Patient with { ReconnectDelay = TimeSpan.Zero });
        await client.ReadHoldingRegistersAsync(1, 0, 1);
        harness.Server.DropConnections();
        Assert.Equal(new ushort[] { 3 }, await client.ReadHoldingRegistersAsync(1, 0, 1));
        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task Read_NobodyListening_BacksOffExponentiallyThenFails()
    {
        var port = FreePort();
        var time = new SignallingTimeProvider();
        await using var client = new ModbusClient(new TcpModbusChannelFactory("127.0.0.1", port),
            Fast with { Retries = 3, ReconnectDelay = TimeSpan.FromMilliseconds(100), MaxReconnectDelay = TimeSpan.FromMilliseconds(300) }, time);
        var read = client.ReadHoldingRegistersAsync(1, 0, 1);

        foreach (var ms in new[] { 100, 200, 300 })
        {
            Assert.Equal(TimeSpan.FromMilliseconds(ms), await time.NextWaitAsync());
            time.Advance(TimeSpan.FromMilliseconds(ms));
        }

        await Assert.ThrowsAsync<ModbusCommunicationException>(() => read);
        Assert.Equal([TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(300)], time.Waits);
        Assert.False(client.IsConnected);
    }

    [Theory]
    [MemberData(nameof(Framings))]
    public async Task Write_AppliedButAnswerDropped_TimesOutWithValueWritten(ModbusFraming framing)
    {
        await using var harness = ServerHarness.Start(framing);
        harness.Faults = (_, _, _) => ModbusFault.ApplyAndDropAnswer;
        await Assert.ThrowsAsync<ModbusTimeoutException>(() => harness.Client(Fast).WriteMultipleRegistersAsync(1, 0x460, [2, 0, 5000]));
        Assert.Equal(5000, harness.Bank.GetRegister(ModbusTable.HoldingRegisters, 0x462));
    }

    [Theory]
    [MemberData(nameof(Framings))]
    public async Task Read_GarbageOnlyThenNormal_RecoversOnRetry(ModbusFraming framing)
    {
        await using var harness = ServerHarness.Start(framing);
        harness.Bank.SetRegisters(ModbusTable.HoldingRegisters, 0, 9);
        harness.Faults = (n, _, _) => n == 1 ? ModbusFault.GarbageOnly(0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08) : ModbusFault.None;
        var client = harness.Client(Patient with { ReconnectDelay = TimeSpan.Zero });
        Assert.Equal(new ushort[] { 9 }, await client.ReadHoldingRegistersAsync(1, 0, 1));
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
