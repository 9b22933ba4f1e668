namespace Prepaid.App.Kernel.Contracts;

/// <summary>A condition billing found that needs an operator (over-power trip, reconciliation discrepancy, a
/// purchase that needs a decision).</summary>
/// <param name="Code">Stable code, for example "billing.over-power-trip" or "billing.reconciliation.purchase-count".</param>
/// <param name="MeterId">The meter concerned.</param>
/// <param name="At">When it was found.</param>
/// <param name="Detail">What was seen, in words.</param>
public sealed record OperatorAlarmRaised(string Code, int MeterId, DateTimeOffset At, string Detail);

/// <summary>
/// The hook billing raises operator alarms through. The default only logs; the alarm engine's service
/// registers its own implementation (ISA-18.2 states, journal, wall banner) when it is wired in.
/// </summary>
public interface IOperatorAlarmSink
{
    /// <summary>Raises the alarm; must not throw for a condition it already knows.</summary>
    Task RaiseAsync(OperatorAlarmRaised alarm, CancellationToken cancellationToken);
}

/// <summary>The default sink: a structured warning in the log.</summary>
public sealed class LoggingOperatorAlarmSink(ILogger<LoggingOperatorAlarmSink> logger) : IOperatorAlarmSink
{
    public Task RaiseAsync(OperatorAlarmRaised alarm, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        logger.LogWarning("Operator alarm {Code} on meter {MeterId} at {At}: {Detail}", alarm.Code, alarm.MeterId, alarm.At, alarm.Detail);
        return Task.CompletedTask;
    }
}
