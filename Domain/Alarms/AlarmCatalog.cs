using Prepaid.Domain.Model;

namespace Prepaid.Domain.Alarms;

/// <summary>
/// Default configuration per alarm: priority, latching and anti-chattering delays, aimed at the
/// usual 80 / 15 / 5 % low / medium / high split (most alarms are single meters'
/// communication losses, low; a whole gateway or an over-power trip is high). App may override per site.
/// </summary>
/// <remarks>
/// Momentary conditions (a failed command, an absurd energy delta, a reconciliation discrepancy) are reported
/// as an activation followed by a clear; the non-latching ones then wait, returned unacknowledged, for an
/// acknowledgement, and the latching ones for a reset (the operator's decision). A low balance has no entry:
/// it is a tenant notice handled by the relay policy, not an operator alarm.
/// </remarks>
public static class AlarmCatalog
{
    /// <summary>Off-delay for communication alarms, against flapping links.</summary>
    public static readonly TimeSpan CommunicationOffDelay = TimeSpan.FromSeconds(30);

    /// <summary>The default definition of the alarm <paramref name="key"/>.</summary>
    public static AlarmDefinition Definition(AlarmKey key)
    {
        var (priority, latching) = key.Condition switch
        {
            AlarmCondition.CommunicationLost => (key.SourceKind switch
            {
                AlarmSourceKind.Gateway or AlarmSourceKind.Site => AlarmPriority.High,
                AlarmSourceKind.Bus => AlarmPriority.Medium,
                _ => AlarmPriority.Low,
            }, false),
            AlarmCondition.OverPowerTrip => (AlarmPriority.High, true),
            AlarmCondition.CommandFailed => (AlarmPriority.Medium, false),
            AlarmCondition.MeterFault => (AlarmPriority.Medium, false),
            AlarmCondition.AbsurdEnergyDelta => (AlarmPriority.Low, true),
            AlarmCondition.ReconciliationDiscrepancy => (AlarmPriority.Low, true),
            AlarmCondition.IncomerLoss => (AlarmPriority.Medium, false),
            _ => (AlarmPriority.Low, false),
        };
        return new AlarmDefinition(key, priority, latching);
    }

    /// <summary>The default on/off delays for the alarm <paramref name="key"/>.</summary>
    public static ConditionFilterSettings Filter(AlarmKey key) => key.Condition switch
    {
        // The poller already retries before it declares a meter lost; delay only the return.
        AlarmCondition.CommunicationLost => new ConditionFilterSettings(TimeSpan.Zero, CommunicationOffDelay),
        // An analog comparison: let a short excursion pass (the deadband is App's per-site setting).
        AlarmCondition.IncomerLoss => new ConditionFilterSettings(TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(15)),
        _ => ConditionFilterSettings.None,
    };
}
