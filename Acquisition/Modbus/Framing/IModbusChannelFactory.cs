namespace Prepaid.Acquisition.Modbus;

/// <summary>Opens (and after a connection loss, re-opens) the channel a client talks through.</summary>
public interface IModbusChannelFactory
{
    /// <summary>Opens a new channel; throws on failure.</summary>
    ValueTask<IModbusChannel> OpenAsync(CancellationToken cancellationToken);
}
