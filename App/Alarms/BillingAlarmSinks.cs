using Microsoft.EntityFrameworkCore;
using Prepaid.App.Kernel.Contracts;
using Prepaid.App.Persistence;
using Prepaid.Domain.Alarms;
using Prepaid.Domain.Model;

namespace Prepaid.App.Alarms;

/// <summary>
/// Billing's operator alarms through the alarm engine. Each is momentary: activation and clear at once, so a
/// latching condition (over-power trip, reconciliation discrepancy) stays latched until an operator resets it,
/// and the others wait for acknowledgement.
/// </summary>
internal sealed class OperatorAlarmSink(AlarmService alarms) : IOperatorAlarmListener
{
    public Task RaiseAsync(OperatorAlarmRaised alarm, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        return alarms.ReportMomentaryAsync(new AlarmSource(AlarmSourceKind.Meter, alarm.MeterId), ConditionOf(alarm.Code), alarm.At, alarm.Detail, cancellationToken);
    }

    /// <summary>The alarm condition of a billing code ("billing.over-power", "billing.reconciliation.{kind}",
    /// "billing.purchase-needs-operator").</summary>
    internal static AlarmCondition ConditionOf(string code) => code switch
    {
        _ when code.Contains("over-power", StringComparison.Ordinal) => AlarmCondition.OverPowerTrip,
        _ when code.StartsWith("billing.reconciliation", StringComparison.Ordinal) => AlarmCondition.ReconciliationDiscrepancy,
        _ => AlarmCondition.CommandFailed,
    };
}

/// <summary>
/// The nightly loss check as the incomer-loss condition: on the transformer's main incomer meter, or on the site
/// for the whole-site row. A check within the threshold clears the condition, so the alarm returns to normal.
/// </summary>
internal sealed class LossAlarmSink(AlarmService alarms, IDbContextFactory<PrepaidDb> dbFactory, TimeProvider time) : ILossAlarmListener
{
    public async Task ReportAsync(LossCheckResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        AlarmSource source;
        if (result.Row.TransformerId is int transformerId)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var incomer = await db.Meters.Where(m => m.TransformerId == transformerId && m.Role == MeterRole.MainIncomer)
                .OrderBy(m => m.Id).Select(m => (int?)m.Id).FirstOrDefaultAsync(cancellationToken);
            source = incomer is int meterId ? new AlarmSource(AlarmSourceKind.Meter, meterId) : new AlarmSource(AlarmSourceKind.Site, result.SiteId);
        }
        else
        {
            source = new AlarmSource(AlarmSourceKind.Site, result.SiteId);
        }

        var detail = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{result.Row.Scope} {result.Row.PeriodStart:yyyy-MM-dd}: incomer {result.Row.IncomerKwh} kWh, sub-meters {result.Row.SubMetersKwh} kWh, loss {result.Row.LossPercent} % (threshold {result.ThresholdPercent} %)");
        await alarms.ReportConditionAsync(source, AlarmCondition.IncomerLoss, result.Exceeded, time.GetUtcNow(), detail, cancellationToken);
    }
}
