using System.IO.Ports;

namespace Prepaid.Acquisition.Modbus;

/// <summary>Serial line settings of one RS485 bus; 9600 8N1 is the usual meter default.</summary>
public sealed record ModbusSerialSettings
{
    /// <summary>Port name, e.g. "/dev/ttyUSB0" or "COM3".</summary>
    public required string PortName { get; init; }

    /// <summary>Baud rate (1200..38400 on the meters).</summary>
    public int BaudRate { get; init; } = 9600;

    /// <summary>Parity (none or even on the meters).</summary>
    public Parity Parity { get; init; } = Parity.None;

    /// <summary>Data bits.</summary>
    public int DataBits { get; init; } = 8;

    /// <summary>Stop bits.</summary>
    public StopBits StopBits { get; init; } = StopBits.One;

    /// <summary>
    /// The silent interval that separates RTU frames: 3.5 character times of 11 bits, fixed at 1.75 ms above
    /// 19200 baud (Modbus over serial line V1.02, 2.5.1.1).
    /// </summary>
    public TimeSpan InterFrameDelay =>
        BaudRate > 19200 ? TimeSpan.FromMicroseconds(1750) : TimeSpan.FromMicroseconds(3.5 * 11 * 1_000_000.0 / BaudRate);
}
