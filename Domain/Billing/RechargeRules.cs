using Prepaid.Domain.Model;

namespace Prepaid.Domain.Billing;

/// <summary>The outcome of a hoarding-limit check.</summary>
/// <param name="Allowed">True when the recharge keeps the balance at or below the limit (or there is no limit).</param>
/// <param name="MaxAcceptable">The largest recharge the limit still accepts, in whole fen (rounded down);
/// null when there is no limit.</param>
public sealed record HoardingCheck(bool Allowed, decimal? MaxAcceptable);

/// <summary>
/// Recharge rules of GB/T 18460.3 mirrored by the platform: the hoarding limit (囤积上限) caps the balance and a
/// purchase that would exceed it is refused whole (never silently cut); refunds and reversals need a Manager's
/// approval. Under meter billing, check each meter's part (<see cref="RechargeSplitRule"/>) against that
/// meter's remaining amount and limit, as the meter itself would.
/// </summary>
public static class RechargeRules
{
    /// <summary>Checks a recharge of <paramref name="amount"/> on <paramref name="balance"/> against the limit.</summary>
    /// <param name="balance">The balance (or the meter's remaining amount) before the recharge; may be negative.</param>
    /// <param name="amount">The recharge in yuan: positive, whole fen.</param>
    /// <param name="hoardingLimit">The cap on the balance in yuan, or null for none; not negative.</param>
    /// <exception cref="BillingValidationException">A non-positive or over-precise amount, or a negative limit.</exception>
    public static HoardingCheck CheckHoardingLimit(decimal balance, decimal amount, decimal? hoardingLimit)
    {
        var errors = new List<string>();
        if (amount <= 0 || !Fen.IsWhole(amount))
        {
            errors.Add($"The recharge ({amount}) must be positive, in whole fen.");
        }

        if (hoardingLimit < 0)
        {
            errors.Add($"The hoarding limit ({hoardingLimit}) must not be negative.");
        }

        if (errors.Count > 0)
        {
            throw new BillingValidationException(errors);
        }

        if (hoardingLimit is not { } limit)
        {
            return new HoardingCheck(true, null);
        }

        var headroom = Math.Max(0m, Fen.Floor(limit - balance));
        return new HoardingCheck(balance + amount <= limit, headroom);
    }

    /// <summary>Whether posting an entry of this kind needs a Manager's approval (refunds and reversals).</summary>
    public static bool RequiresManagerApproval(LedgerEntryKind kind) =>
        kind is LedgerEntryKind.Refund or LedgerEntryKind.Reversal;
}
