using System.Net;

namespace Prepaid.Acquisition.Modbus;

/// <summary>Where and how a <see cref="ModbusServer"/> listens.</summary>
public sealed record ModbusServerOptions
{
    /// <summary>Framing: Modbus TCP or RTU over TCP.</summary>
    public ModbusFraming Framing { get; init; } = ModbusFraming.Tcp;

    /// <summary>Address to bind; loopback by default.</summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>Port to bind; 0 picks a free port (read it from <see cref="ModbusServer.Port"/>).</summary>
    public int Port { get; init; }

    /// <summary>Clock for <see cref="ModbusFaultKind.Slow"/> delays.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
