using Prepaid.App.Kernel.Contracts;

namespace Prepaid.App.Billing.MeterBilling;

/// <summary>The desk's seam to the recharge planner: plans a payment right after it was taken.</summary>
internal sealed class PaymentPlanner(RechargeDeliveryService deliveries) : IPaymentPlanner
{
    public Task PlanAsync(long entryId, CancellationToken cancellationToken) => deliveries.PlanAsync(entryId, cancellationToken);
}
