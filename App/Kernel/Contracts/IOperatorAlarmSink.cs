namespace Prepaid.App.Kernel.Contracts;

/// <summary>A condition billing found that needs an operator (over-power trip, reconciliation discrepancy, a
/// purchase that needs a decision).</summary>
/// <param name="Code">Stable code, for example "billing.over-power-trip" or "billing.reconciliation.purchase-count".</param>
/// <param name="MeterId">The meter concerned.</param>
/// <param name="At">When it was found.</param>
/// <param name="Detail">What was seen, in words.</param>
public sealed record OperatorAlarmRaised(string Code, int MeterId, DateTimeOffset At, string Detail);

/// <summary>
/// The hook features raise operator alarms through (billing, keep power). The kernel's dispatcher implements it:
/// it logs the alarm and hands it to every <see cref="IOperatorAlarmListener"/> (the alarm engine), so who raises
/// never depends on who listens, nor on the order they were registered in.
/// </summary>
public interface IOperatorAlarmSink
{
    /// <summary>Raises the alarm; must not throw for a condition it already knows.</summary>
    Task RaiseAsync(OperatorAlarmRaised alarm, CancellationToken cancellationToken);
}

/// <summary>A receiver of operator alarms (the alarm engine registers one).</summary>
public interface IOperatorAlarmListener : IOperatorAlarmSink;

/// <summary>Logs every operator alarm and forwards it to each listener; a listener that throws does not stop the others.</summary>
public sealed class OperatorAlarmDispatcher(IEnumerable<IOperatorAlarmListener> listeners, ILogger<OperatorAlarmDispatcher> logger) : IOperatorAlarmSink
{
    private readonly IOperatorAlarmListener[] _listeners = [.. listeners];

    public async Task RaiseAsync(OperatorAlarmRaised alarm, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        logger.LogWarning("Operator alarm {Code} on meter {MeterId} at {At}: {Detail}", alarm.Code, alarm.MeterId, alarm.At, alarm.Detail);
        foreach (var listener in _listeners)
        {
            try
            {
                await listener.RaiseAsync(alarm, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "An operator alarm listener failed on {Code} for meter {MeterId}", alarm.Code, alarm.MeterId);
            }
        }
    }
}

/// <summary>A sink that only logs, for tests and tools that run a feature without the alarm engine.</summary>
public sealed class LoggingOperatorAlarmSink(ILogger<LoggingOperatorAlarmSink> logger) : IOperatorAlarmSink
{
    public Task RaiseAsync(OperatorAlarmRaised alarm, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        logger.LogWarning("Operator alarm {Code} on meter {MeterId} at {At}: {Detail}", alarm.Code, alarm.MeterId, alarm.At, alarm.Detail);
        return Task.CompletedTask;
    }
}
