using Prepaid.Acquisition.Modbus;

namespace Prepaid.Acquisition.Simulator;

/// <summary>A running bus of a <see cref="MallSimulator"/>: one <see cref="ModbusServer"/> on one TCP port.</summary>
public sealed class SimulatedBus
{
    internal SimulatedBus(SimulatedGatewaySpec gateway, SimulatedBusSpec spec, ModbusServer server, BusLine? line)
    {
        Gateway = gateway;
        Spec = spec;
        Server = server;
        Line = line;
    }

    /// <summary>The gateway the bus belongs to.</summary>
    public SimulatedGatewaySpec Gateway { get; }

    /// <summary>The bus.</summary>
    public SimulatedBusSpec Spec { get; }

    /// <summary>The server answering for the bus's meters.</summary>
    public ModbusServer Server { get; }

    /// <summary>The emulated line, when wire emulation is on.</summary>
    public BusLine? Line { get; }

    /// <summary>Framing on the TCP port.</summary>
    public ModbusFraming Framing => Server.Options.Framing;

    /// <summary>The bound TCP port.</summary>
    public int Port => Server.Port;
}
