using Prepaid.Domain.Billing;
using Prepaid.Domain.Model;
using Prepaid.Domain.Money;

namespace Prepaid.App.Kernel.Ledger;

/// <summary>The checks on an entry alone, before the database is asked anything.</summary>
internal static class LedgerChecks
{
    public static void Validate(LedgerEntry e)
    {
        if (e.IdempotencyKey.Length is 0 or > 128 || e.RecordedBy.Length is 0 or > 100)
        {
            throw new LedgerRuleException(LedgerRule.MissingField, "An entry needs an idempotency key (1 to 128 characters) and who recorded it (1 to 100).");
        }

        if (decimal.Round(e.Amount, 4) != e.Amount)
        {
            throw new LedgerRuleException(LedgerRule.TooPrecise, $"The amount {e.Amount} has more than 4 decimals.");
        }

        if (!LedgerMath.HasValidSign(e.Kind, e.Amount))
        {
            throw new LedgerRuleException(LedgerRule.InvalidSign, $"A {e.Kind} of {e.Amount} has the wrong sign: credits are positive, debits negative.");
        }

        if (e.Kind is LedgerEntryKind.Recharge or LedgerEntryKind.Refund && e.PaymentMethod is null)
        {
            throw new LedgerRuleException(LedgerRule.MissingPaymentMethod, $"A {e.Kind} needs a payment method.");
        }
    }

    /// <summary>What a retry must repeat to be the same entry (the time and the note may differ).</summary>
    public static bool SameContent(LedgerEntry a, LedgerEntry b) =>
        a.AccountId == b.AccountId && a.Kind == b.Kind && a.Amount == b.Amount && a.PaymentMethod == b.PaymentMethod
        && a.CauseType == b.CauseType && a.CauseId == b.CauseId;
}
