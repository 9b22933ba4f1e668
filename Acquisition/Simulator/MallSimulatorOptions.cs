using System.Net;

namespace Prepaid.Acquisition.Simulator;

/// <summary>How a <see cref="MallSimulator"/> runs.</summary>
public sealed record MallSimulatorOptions
{
    /// <summary>Simulated time: drives consumption, TOU and load profiles (e.g. a <see cref="ScaledTimeProvider"/>).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Seed of the load noise; the same seed and clock give the same run.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Hold each bus for the wire time of every transaction at its baud rate, one transaction at a time.</summary>
    public bool WireEmulation { get; init; }

    /// <summary>Meter turnaround used by wire emulation.</summary>
    public TimeSpan Turnaround { get; init; } = WireTiming.DefaultTurnaround;

    /// <summary>
    /// With wire emulation, how long a Modbus TCP gateway holds a bus waiting for a silent meter before it answers
    /// 0x0B (a dead meter costs a full response timeout; see README.md, "Bus timing").
    /// </summary>
    public TimeSpan GatewayTimeout { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Clock of wire-time waits and slow faults: real time by default, whatever the simulated time.</summary>
    public TimeProvider WireClock { get; init; } = TimeProvider.System;

    /// <summary>Address the bus ports listen on: loopback by default.</summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>Extra demand a main incomer sees over the sum of the sub-meters (transformer and cable losses).</summary>
    public decimal IncomerLossFactor { get; init; } = 1.03m;

    /// <summary>Non-volatile memory of the prepaid meters (their purchases survive a crash); none when null.</summary>
    public IMeterMemory? Memory { get; init; }

    /// <summary>Site time zone of the load profiles.</summary>
    public TimeZoneInfo TimeZone { get; init; } = Domain.Tariffs.SiteTimeZone.FixedChinaStandardTime;
}
