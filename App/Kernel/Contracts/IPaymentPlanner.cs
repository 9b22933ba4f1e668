namespace Prepaid.App.Kernel.Contracts;

/// <summary>
/// Decides at once where a payment goes (the debts it settles and, under meter billing, the parts sent to each
/// meter), so the desk can print it on the receipt. Billing implements it; planning is idempotent, and a payment
/// that was not planned here (a stop right after the payment) is planned by the delivery's scan the same way.
/// </summary>
public interface IPaymentPlanner
{
    /// <summary>Plans the payment with ledger entry <paramref name="entryId"/>, once; a no-op when it is planned or has nothing to plan.</summary>
    Task PlanAsync(long entryId, CancellationToken cancellationToken);
}
