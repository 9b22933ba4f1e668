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

    /// <summary>Clock for <see cref="ModbusFaultKind.Slow"/> delays and the idle timeout.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// Connections served at once; one more is closed as soon as it is accepted. Real RS485 gateways take a handful of
    /// Modbus TCP masters per port, and a server that accepts without limit can be held open by anyone.
    /// </summary>
    public int MaxConnections { get; init; } = 8;

    /// <summary>A connection that sends no complete request for this long is closed (a half-open or silent peer
    /// frees its slot); <see cref="Timeout.InfiniteTimeSpan"/> keeps connections forever.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(2);
}
