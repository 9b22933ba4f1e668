using Prepaid.Acquisition.Modbus;

namespace Prepaid.Acquisition.Tests.Modbus;

public class ModbusClientOptionsTests
{
    [Fact]
    public void Validate_Defaults_Pass() => new ModbusClientOptions().Validate();

    [Fact]
    public void Validate_BadValues_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ModbusClientOptions { Timeout = TimeSpan.Zero }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new ModbusClientOptions { Retries = -1 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new ModbusClientOptions { BusyRetries = -1 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new ModbusClientOptions { ReconnectDelay = TimeSpan.FromSeconds(10), MaxReconnectDelay = TimeSpan.FromSeconds(1) }.Validate());
    }

    [Fact]
    public void Constructor_InvalidOptions_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new ModbusClient(new TcpModbusChannelFactory("127.0.0.1", 502), new ModbusClientOptions { Retries = -1 }));

    [Fact]
    public async Task ReadAsync_AfterDispose_ThrowsObjectDisposed()
    {
        var client = ModbusClient.ForTcp("127.0.0.1", 502);
        await client.DisposeAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.ReadCoilsAsync(1, 0, 1));
    }

    [Fact]
    public void InterFrameDelay_FollowsBaudRate()
    {
        Assert.Equal(4.010, new ModbusSerialSettings { PortName = "x", BaudRate = 9600 }.InterFrameDelay.TotalMilliseconds, 3);
        Assert.Equal(1.75, new ModbusSerialSettings { PortName = "x", BaudRate = 38400 }.InterFrameDelay.TotalMilliseconds, 3);
    }
}
