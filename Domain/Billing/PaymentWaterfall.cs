using Prepaid.Domain.Model;

namespace Prepaid.Domain.Billing;

/// <summary>One charge, or the part of it, that an account still owes.</summary>
/// <param name="Key">The charge's ledger idempotency key; null for a debt that no charge explains (a reversed recharge).</param>
/// <param name="Kind">The charge's kind; null with <paramref name="Key"/>.</param>
/// <param name="PostedAt">When the charge took effect; null with <paramref name="Key"/>.</param>
/// <param name="Amount">What is still owed of it, positive yuan.</param>
public sealed record OwedCharge(string? Key, LedgerEntryKind? Kind, DateTimeOffset? PostedAt, decimal Amount);

/// <summary>What one payment paid of one owed charge.</summary>
/// <param name="ChargeKey">The charge settled; null for the unexplained debt.</param>
/// <param name="Kind">The charge's kind; null with <paramref name="ChargeKey"/>.</param>
/// <param name="Amount">Yuan of the payment that went to it, positive.</param>
public sealed record ChargeSettlement(string? ChargeKey, LedgerEntryKind? Kind, decimal Amount);

/// <summary>Where a payment goes: the owed charges it settles (oldest first) and what is left for the meters.</summary>
/// <param name="Settlements">Oldest first; their sum is <see cref="ToOwed"/>.</param>
/// <param name="ToOwed">Yuan that settled debts.</param>
/// <param name="Remainder">Yuan left after the debts: delivered to the meters under meter billing, kept in the ledger otherwise.</param>
public sealed record WaterfallResult(IReadOnlyList<ChargeSettlement> Settlements, decimal ToOwed, decimal Remainder);

/// <summary>
/// The payment waterfall: a payment to an account that owes money first settles what is owed, oldest charge
/// first, and only the rest goes on to energy (the meters under meter billing). See Domain/Billing/README.md,
/// "Money picture and payment waterfall".
/// </summary>
/// <remarks>
/// What is owed comes from the ledger alone: the account owes the negative part of its balance. Payments settle
/// charges in the order they were posted, so the charges still open are the newest ones: walking back from the
/// newest charge until the debt is explained gives them. Fees, public-area shares, energy and water charges and
/// negative adjustments are charges; a charge that was itself reversed is not; meter purchases, refunds and
/// reversals are not charges (a debt they leave, such as a reversed recharge whose money the meters already
/// took, is owed without a charge to name).
/// </remarks>
public static class PaymentWaterfall
{
    /// <summary>Whether an entry of this kind and sign is a charge that can be owed.</summary>
    public static bool IsCharge(LedgerEntryKind kind, decimal amount) => amount < 0 && kind is LedgerEntryKind.PropertyFee
        or LedgerEntryKind.PublicAreaShare or LedgerEntryKind.EnergyCharge or LedgerEntryKind.WaterCharge or LedgerEntryKind.Adjustment;

    /// <summary>The charges an account still owes, oldest first, from all of its ledger entries.</summary>
    public static IReadOnlyList<OwedCharge> Outstanding(IEnumerable<LedgerEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var all = entries.ToList();
        var owed = -all.Sum(e => e.Amount);
        if (owed <= 0)
        {
            return [];
        }

        var reversed = all.Where(e => e.Kind == LedgerEntryKind.Reversal && e.CauseType == InMemoryLedger.ReversalCauseType && e.CauseId is not null)
            .Select(e => e.CauseId!).ToHashSet(StringComparer.Ordinal);
        var open = new List<OwedCharge>();
        foreach (var charge in all.Where(e => IsCharge(e.Kind, e.Amount) && !reversed.Contains(e.IdempotencyKey))
                     .OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id))
        {
            if (owed <= 0)
            {
                break;
            }

            var part = Math.Min(-charge.Amount, owed);
            open.Add(new OwedCharge(charge.IdempotencyKey, charge.Kind, charge.OccurredAt, part));
            owed -= part;
        }

        open.Reverse();
        if (owed > 0)
        {
            // Older than any charge in the order of settlement: nothing newer explains it.
            open.Insert(0, new OwedCharge(null, null, null, owed));
        }

        return open;
    }

    /// <summary>Applies a payment to the owed charges, oldest first.</summary>
    /// <exception cref="BillingValidationException">The payment is not positive, or a charge's amount is not positive.</exception>
    public static WaterfallResult Apply(IReadOnlyList<OwedCharge> owed, decimal payment)
    {
        ArgumentNullException.ThrowIfNull(owed);
        var errors = new List<string>();
        if (payment <= 0 || decimal.Round(payment, 4) != payment)
        {
            errors.Add($"The payment ({payment}) must be positive with at most 4 decimals.");
        }

        if (owed.Any(o => o.Amount <= 0))
        {
            errors.Add("Every owed charge must be a positive amount.");
        }

        if (errors.Count > 0)
        {
            throw new BillingValidationException(errors);
        }

        var left = payment;
        var settlements = new List<ChargeSettlement>();
        foreach (var charge in owed)
        {
            if (left == 0)
            {
                break;
            }

            var paid = Math.Min(left, charge.Amount);
            settlements.Add(new ChargeSettlement(charge.Key, charge.Kind, paid));
            left -= paid;
        }

        return new WaterfallResult(settlements, payment - left, left);
    }
}
