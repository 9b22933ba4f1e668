using Prepaid.App.Kernel.Contracts;
namespace Prepaid.App.Kernel.Contracts;

/// <summary>
/// The outcome of one day's loss check for one scope (a transformer, or the site when <see cref="LossRow.TransformerId"/>
/// is null). Reported for every scope each time the check runs, above the threshold or not, so an alarm can also
/// return to normal. The same (scope, day) may be reported more than once (a catch-up after a restart).
/// </summary>
/// <param name="Row">The day's reconciliation.</param>
/// <param name="ThresholdPercent">The configured limit of |loss %|.</param>
/// <param name="Exceeded">True when |loss %| is above the threshold (a negative loss means sub-meters above the incomer: a metering fault).</param>
public sealed record LossCheckResult(int SiteId, LossRow Row, decimal ThresholdPercent, bool Exceeded);

/// <summary>Where loss check results go; the kernel's dispatcher implements it and forwards to every
/// <see cref="ILossAlarmListener"/> (the alarm engine raises or clears <c>AlarmCondition.IncomerLoss</c>).</summary>
public interface ILossAlarmSink
{
    Task ReportAsync(LossCheckResult result, CancellationToken cancellationToken);
}

/// <summary>A receiver of loss check results (the alarm engine registers one).</summary>
public interface ILossAlarmListener : ILossAlarmSink;

/// <summary>Logs exceeded checks and forwards every result to each listener; a listener that throws does not stop the others.</summary>
public sealed class LossAlarmDispatcher(IEnumerable<ILossAlarmListener> listeners, ILogger<LossAlarmDispatcher> logger) : ILossAlarmSink
{
    private readonly ILossAlarmListener[] _listeners = [.. listeners];

    public async Task ReportAsync(LossCheckResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Exceeded)
        {
            logger.LogWarning("Loss {Scope} on {Day}: incomer {Incomer} kWh, sub-meters {Sub} kWh, loss {Loss} kWh ({Percent} %) beyond {Threshold} %",
                result.Row.Scope, result.Row.PeriodStart, result.Row.IncomerKwh, result.Row.SubMetersKwh, result.Row.LossKwh, result.Row.LossPercent, result.ThresholdPercent);
        }

        foreach (var listener in _listeners)
        {
            try
            {
                await listener.ReportAsync(result, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "A loss alarm listener failed on {Scope}", result.Row.Scope);
            }
        }
    }
}
