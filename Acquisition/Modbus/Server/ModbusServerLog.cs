using Microsoft.Extensions.Logging;

namespace Prepaid.Acquisition.Modbus;

/// <summary>
/// Log events of <see cref="ModbusServer"/> (event ids 2000-2099): what a simulated gateway port does, with the port,
/// unit and connection as structured fields. Connection churn is Debug: a poller reconnecting is normal.
/// </summary>
internal static partial class ModbusServerLog
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Debug, Message = "Modbus {Framing} server listening on {Address} port {Port}")]
    public static partial void Listening(ILogger logger, ModbusFraming framing, string address, int port);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "Connection {Connection} from {Remote} accepted on port {Port}")]
    public static partial void ConnectionAccepted(ILogger logger, int port, int connection, string? remote);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Debug, Message = "Connection {Connection} on port {Port} ended")]
    public static partial void ConnectionEnded(ILogger logger, Exception? exception, int port, int connection);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning,
        Message = "Unit {Unit} on port {Port} threw on function {Function}; it answers exception 04 (server device failure)")]
    public static partial void UnitFailed(ILogger logger, Exception exception, int port, byte unit, byte function);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Warning,
        Message = "Connection from {Remote} on port {Port} refused: {Max} connections are already open")]
    public static partial void ConnectionRefused(ILogger logger, int port, string? remote, int max);
}
