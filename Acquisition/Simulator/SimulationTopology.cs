using Prepaid.Domain.Model;

namespace Prepaid.Acquisition.Simulator;

/// <summary>The mall to simulate: gateways, their buses and the meters on them. Independent of the database.</summary>
/// <param name="Gateways">The gateways.</param>
public sealed record SimulationTopology(IReadOnlyList<SimulatedGatewaySpec> Gateways)
{
    /// <summary>Every meter with its gateway and bus.</summary>
    public IEnumerable<(SimulatedGatewaySpec Gateway, SimulatedBusSpec Bus, SimulatedMeterSpec Meter)> Meters() =>
        from g in Gateways from b in g.Buses from m in b.Meters select (g, b, m);
}

/// <summary>A gateway (communication manager).</summary>
/// <param name="Name">Display name, unique; faults address it by name.</param>
/// <param name="Host">Host the platform polls; the simulator always listens on loopback.</param>
/// <param name="Framing">Modbus TCP or RTU over TCP.</param>
/// <param name="Buses">Its serial buses, one TCP port each.</param>
public sealed record SimulatedGatewaySpec(string Name, string Host, GatewayFraming Framing, IReadOnlyList<SimulatedBusSpec> Buses);

/// <summary>One RS485 bus exposed on a TCP port.</summary>
/// <param name="Name">Display name.</param>
/// <param name="TcpPort">TCP port; 0 picks a free port (see <see cref="SimulatedBus.Port"/>).</param>
/// <param name="BaudRate">Serial speed, for wire-time emulation.</param>
/// <param name="Meters">The meters on the bus.</param>
public sealed record SimulatedBusSpec(string Name, int TcpPort, int BaudRate, IReadOnlyList<SimulatedMeterSpec> Meters);

/// <summary>One meter on a bus.</summary>
/// <param name="Key">Stable key (e.g. the database id or serial number): seeds its load noise and addresses faults.</param>
/// <param name="UnitId">Modbus unit id, 1..247.</param>
/// <param name="Settings">Profile, ratios, balance, prices, alarm ladder, TOU schedule.</param>
/// <param name="Load">What drives its demand.</param>
public sealed record SimulatedMeterSpec(string Key, byte UnitId, SimulatedMeterSettings Settings, MeterLoad Load);
