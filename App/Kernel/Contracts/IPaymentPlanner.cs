using Prepaid.Domain.Model;

namespace Prepaid.App.Kernel.Contracts;

/// <summary>What a payment would pay of one owed charge (null charge: a debt no charge explains).</summary>
public sealed record PreviewSettlement(LedgerEntry? Charge, decimal Amount);

/// <summary>What a payment would send to one meter.</summary>
public sealed record PreviewMeterPart(int MeterId, string MeterName, MeterKind Kind, decimal Amount);

/// <summary>
/// The water amount the cashier may name for what goes to an account's electricity and water meters (electricity
/// takes the rest): <c>RechargeSplitRule.ChoiceLimits</c> of the amount left after the debts, and the amount named.
/// </summary>
public sealed record WaterChoice(decimal MinWater, decimal MaxWater, decimal? Chosen)
{
    /// <summary>True when <paramref name="water"/> is within the limits.</summary>
    public bool Allows(decimal water) => water >= MinWater && water <= MaxWater;
}

/// <summary>Where a payment would go if it were taken now: the debts first, then each meter; nothing is written.
/// <paramref name="Choice"/> is null when the planner offers no choice of split (one meter, or no support).</summary>
public sealed record PaymentPreview(IReadOnlyList<PreviewSettlement> Settlements, IReadOnlyList<PreviewMeterPart> Parts, WaterChoice? Choice = null)
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

    /// <summary>
    /// As <see cref="PreviewAsync(int, decimal, CancellationToken)"/>, with the parts split as <paramref name="waterAmount"/>
    /// names when it is within <see cref="PaymentPreview.Choice"/> (null: the rule's split), and the limits of that choice.
    /// A planner that offers a choice must also honour it when it plans a payment whose receipt carries
    /// <c>Receipt.ChosenWaterAmount</c>. The default offers none, so a planner that does not know about choices keeps working.
    /// </summary>
    Task<PaymentPreview?> PreviewAsync(int accountId, decimal amount, decimal? waterAmount, CancellationToken cancellationToken) =>
        PreviewAsync(accountId, amount, cancellationToken);
}
