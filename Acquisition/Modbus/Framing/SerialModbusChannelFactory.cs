using System.Diagnostics;
using System.IO.Ports;

namespace Prepaid.Acquisition.Modbus;

/// <summary>Opens a serial port (System.IO.Ports) as an RTU channel.</summary>
public sealed class SerialModbusChannelFactory : IModbusChannelFactory
{
    /// <summary>Creates a factory for the given line settings.</summary>
    public SerialModbusChannelFactory(ModbusSerialSettings settings) =>
        Settings = settings ?? throw new ArgumentNullException(nameof(settings));

    /// <summary>The line settings.</summary>
    public ModbusSerialSettings Settings { get; }

    /// <inheritdoc />
    public ValueTask<IModbusChannel> OpenAsync(CancellationToken cancellationToken)
    {
        var port = new SerialPort(Settings.PortName, Settings.BaudRate, Settings.Parity, Settings.DataBits, Settings.StopBits)
        {
            Handshake = Handshake.None,
        };
        try
        {
            port.Open();
            return ValueTask.FromResult<IModbusChannel>(new SerialChannel(port, Settings.InterFrameDelay));
        }
        catch
        {
            port.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"serial://{Settings.PortName}@{Settings.BaudRate}";

    private sealed class SerialChannel(SerialPort port, TimeSpan interFrameDelay) : IModbusChannel
    {
        private long _lastActivity = Stopwatch.GetTimestamp();

        public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
        {
            var read = await port.BaseStream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            _lastActivity = Stopwatch.GetTimestamp();
            return read;
        }

        public async ValueTask WriteAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
        {
            // The bus needs 3.5 silent character times before a new frame, or devices merge it with the last one.
            var silent = Stopwatch.GetElapsedTime(_lastActivity);
            if (silent < interFrameDelay)
            {
                await Task.Delay(interFrameDelay - silent, cancellationToken).ConfigureAwait(false);
            }

            await port.BaseStream.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
            await port.BaseStream.FlushAsync(cancellationToken).ConfigureAwait(false);
            _lastActivity = Stopwatch.GetTimestamp();
        }

        public void DiscardInput() => port.DiscardInBuffer();

        public ValueTask DisposeAsync()
        {
            port.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
