using Prepaid.Domain.Model;

namespace Prepaid.App.Alarms.Pages;

/// <summary>
/// ISA-101: colour is never alone. Every state and priority also has its own shape, and the text is always shown.
/// </summary>
public static class AlarmBadges
{
    public static string StateShape(AlarmState state) => state switch
    {
        AlarmState.ActiveUnacknowledged => "▲",
        AlarmState.ActiveAcknowledged => "■",
        AlarmState.ReturnedUnacknowledged => "△",
        AlarmState.Latched => "◆",
        AlarmState.Shelved => "⏸",
        AlarmState.Suppressed => "⊘",
        AlarmState.OutOfService => "✕",
        _ => "○",
    };

    public static string PriorityShape(AlarmPriority priority) => priority switch
    {
        AlarmPriority.High => "!!!",
        AlarmPriority.Medium => "!!",
        _ => "!",
    };

    public static string StateClass(AlarmState state) => "alarm-state alarm-state-" + state;

    public static string PriorityClass(AlarmPriority priority) => "alarm-priority alarm-priority-" + priority;
}
