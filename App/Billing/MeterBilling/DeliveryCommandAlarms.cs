using Prepaid.App.Kernel.Contracts;
using Prepaid.Domain.Model;

namespace Prepaid.App.Billing.MeterBilling;

/// <summary>Recharge delivery raises its own alarm for a purchase that needs an operator (refused, or a count mismatch).</summary>
internal sealed class DeliveryCommandAlarms : ICommandAlarmOwner
{
    public bool RaisesOwnAlarm(MeterCommand command) => RechargeDeliveryService.RaisesOwnAlarm(command);
}
