using Prepaid.Domain.Model;

namespace Prepaid.App.Kernel.Contracts;

/// <summary>What a payment would pay of one owed charge (null charge: a debt no charge explains).</summary>
public sealed record PreviewSettlement(LedgerEntry? Charge, decimal Amount);

/// <summary>What a payment would send to one meter.</summary>
public sealed record PreviewMeterPart(int MeterId, string MeterName, MeterKind Kind, decimal Amount);

/// <summary>Where a payment would go if it were taken now: the debts first, then each meter; nothing is written.</summary>
public sealed record PaymentPreview(IReadOnlyList<PreviewSettlement> Settlements, IReadOnlyList<PreviewMeterPart> Parts)
{
    public decimal ToOwed => Settlements.Sum(s => s.Amount);

    public decimal ToMeters => Parts.Sum(p => p.Amount);
}

/// <summary>
/// Decides at once where a payment goes (the debts it settles and, under meter billing, the parts sent to each
/// meter), so the desk can print it on the receipt. Billing implements it; planning is idempotent, and a payment
/// that was not planned here (a stop right after the payment) is planned by the delivery's scan the same way.
/// </summary>
public interface IPaymentPlanner
{
    /// <summary>Plans the payment with ledger entry <paramref name="entryId"/>, once; a no-op when it is planned or has nothing to plan.</summary>
    Task PlanAsync(long entryId, CancellationToken cancellationToken);

    /// <summary>The plan <paramref name="amount"/> would get now, for the cashier to see before taking the money; null when
    /// the account has no meter that holds a balance (the ledger keeps everything).</summary>
    Task<PaymentPreview?> PreviewAsync(int accountId, decimal amount, CancellationToken cancellationToken);
}
