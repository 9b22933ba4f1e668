using Microsoft.Extensions.Logging;

namespace Prepaid.Acquisition.Simulator;

/// <summary>
/// Log events of <see cref="MallSimulator"/> (event ids 3000-3099), with the simulator's own names and keys as the
/// structured fields {Gateway}, {Bus} and {Meter}: a simulated fault in the log explains the alarms that follow it.
/// </summary>
internal static partial class SimulatorLog
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Information,
        Message = "Simulated bus {Bus} of gateway {Gateway} listens on port {Port} ({Framing}, {Meters} meters, {BaudRate} baud)")]
    public static partial void BusListening(ILogger logger, string gateway, string bus, int port, Modbus.ModbusFraming framing, int meters, int baudRate);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Simulated meter {Meter} (unit {Unit}) now has fault {Fault} (delay {Delay})")]
    public static partial void MeterFaultSet(ILogger logger, string meter, byte unit, SimulatedFaultKind fault, TimeSpan delay);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Simulated gateway {Gateway} taken down: every request closes its connection")]
    public static partial void GatewayTakenDown(ILogger logger, string gateway);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Simulated gateway {Gateway} answers again")]
    public static partial void GatewayBroughtBack(ILogger logger, string gateway);
}
