using Microsoft.Extensions.Logging;

namespace Prepaid.Acquisition.Polling;

/// <summary>
/// Log events of the bus pollers and the acquisition engine (event ids 1000-1099). The ids of what an event concerns
/// are structured fields ({Gateway}, {Bus}, {Unit}, {Meter}), so that a log query for one meter or bus needs no
/// text matching; the messages are templates, never pre-formatted text.
/// </summary>
internal static partial class PollingLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Error, Message = "Poll loop of bus {Bus} on gateway {Gateway} failed; it goes on after a pause")]
    public static partial void LoopFailed(ILogger logger, Exception exception, int gateway, int bus);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Bus {Bus} on gateway {Gateway} is down: {Reason}")]
    public static partial void BusDown(ILogger logger, int gateway, int bus, string? reason);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Bus {Bus} on gateway {Gateway} answers again")]
    public static partial void BusUp(ILogger logger, int gateway, int bus);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning,
        Message = "Meter {Meter} (unit {Unit}) on bus {Bus} of gateway {Gateway} failed {Failures} polls in a row; now polled every {Multiplier} periods: {Error}")]
    public static partial void MeterBackedOff(ILogger logger, int gateway, int bus, byte unit, int meter, int failures, int multiplier, string? error);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Meter {Meter} (unit {Unit}) on bus {Bus} of gateway {Gateway} answers again; back-off ended")]
    public static partial void MeterBackOffEnded(ILogger logger, int gateway, int bus, byte unit, int meter);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Error, Message = "The reading sink failed for meter {Meter} (unit {Unit}) on bus {Bus} of gateway {Gateway}")]
    public static partial void ReadingSinkFailed(ILogger logger, Exception exception, int gateway, int bus, byte unit, int meter);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Error, Message = "Command {Command} for meter {Meter} (unit {Unit}) on bus {Bus} of gateway {Gateway} threw")]
    public static partial void CommandThrew(ILogger logger, Exception exception, int gateway, int bus, byte unit, int meter, string command);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Warning,
        Message = "Command {Command} for meter {Meter} (unit {Unit}) on bus {Bus} of gateway {Gateway}: attempt {Attempt} of {MaxAttempts} ended {Status}: {Detail}")]
    public static partial void CommandAttemptFailed(ILogger logger, int gateway, int bus, byte unit, int meter, string command, int attempt, int maxAttempts,
        Drivers.CommandStatus status, string detail);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Error, Message = "Bus {Bus} on gateway {Gateway} did not stop cleanly")]
    public static partial void BusStopFailed(ILogger logger, Exception exception, int gateway, int bus);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Error, Message = "Communication state evaluation failed; it is tried again at the next interval")]
    public static partial void EvaluationFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Information,
        Message = "Acquisition configuration applied: started {Started}, stopped {Stopped}, restarted {Restarted}, updated {Updated}")]
    public static partial void ConfigurationApplied(ILogger logger, IReadOnlyList<BusKey> started, IReadOnlyList<BusKey> stopped, IReadOnlyList<BusKey> restarted,
        IReadOnlyList<BusKey> updated);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Error, Message = "The event sink failed for {Kind} of gateway {Gateway}, bus {Bus}, meter {Meter}")]
    public static partial void EventSinkFailed(ILogger logger, Exception exception, CommunicationEventKind kind, int gateway, int? bus, int? meter);

    [LoggerMessage(EventId = 1020, Level = LogLevel.Warning, Message = "Gateway {Gateway} lost: {Detail}")]
    public static partial void GatewayLost(ILogger logger, int gateway, string? detail);

    [LoggerMessage(EventId = 1021, Level = LogLevel.Information, Message = "Gateway {Gateway} recovered")]
    public static partial void GatewayRecovered(ILogger logger, int gateway);

    [LoggerMessage(EventId = 1022, Level = LogLevel.Warning, Message = "Bus {Bus} on gateway {Gateway} lost: {Detail}")]
    public static partial void BusLost(ILogger logger, int gateway, int bus, string? detail);

    [LoggerMessage(EventId = 1023, Level = LogLevel.Information, Message = "Bus {Bus} on gateway {Gateway} recovered")]
    public static partial void BusRecovered(ILogger logger, int gateway, int bus);

    [LoggerMessage(EventId = 1024, Level = LogLevel.Warning, Message = "Meter {Meter} on bus {Bus} of gateway {Gateway} lost: {Detail}")]
    public static partial void MeterLost(ILogger logger, int gateway, int bus, int meter, string? detail);

    [LoggerMessage(EventId = 1025, Level = LogLevel.Information, Message = "Meter {Meter} on bus {Bus} of gateway {Gateway} recovered")]
    public static partial void MeterRecovered(ILogger logger, int gateway, int bus, int meter);

    /// <summary>Logs a communication event at the level of its kind (losses are warnings), with its ids as fields.</summary>
    public static void Communication(ILogger logger, CommunicationEvent e)
    {
        switch (e.Kind)
        {
            case CommunicationEventKind.GatewayLost:
                GatewayLost(logger, e.GatewayId, e.Detail);
                break;
            case CommunicationEventKind.GatewayRecovered:
                GatewayRecovered(logger, e.GatewayId);
                break;
            case CommunicationEventKind.BusLost:
                BusLost(logger, e.GatewayId, e.BusId!.Value, e.Detail);
                break;
            case CommunicationEventKind.BusRecovered:
                BusRecovered(logger, e.GatewayId, e.BusId!.Value);
                break;
            case CommunicationEventKind.MeterLost:
                MeterLost(logger, e.GatewayId, e.BusId!.Value, e.MeterId!.Value, e.Detail);
                break;
            case CommunicationEventKind.MeterRecovered:
                MeterRecovered(logger, e.GatewayId, e.BusId!.Value, e.MeterId!.Value);
                break;
        }
    }
}
