using Prepaid.Domain.Model;

namespace Prepaid.Domain.Money;

/// <summary>Rules of the append-only ledger that hold whatever the store.</summary>
public static class LedgerMath
{
    /// <summary>The balance of an account: the exact sum of its entries, nothing stored beside it.</summary>
    public static decimal Balance(IEnumerable<LedgerEntry> entries) => entries.Sum(e => e.Amount);

    /// <summary>Whether the sign of the amount matches the kind: credits positive, debits negative.</summary>
    public static bool HasValidSign(LedgerEntryKind kind, decimal amount) => kind switch
    {
        LedgerEntryKind.Recharge => amount > 0,
        LedgerEntryKind.EnergyCharge or LedgerEntryKind.WaterCharge or LedgerEntryKind.PropertyFee
            or LedgerEntryKind.PublicAreaShare or LedgerEntryKind.Refund or LedgerEntryKind.MeterPurchase => amount < 0,
        LedgerEntryKind.OpeningBalance => amount >= 0,
        _ => amount != 0,
    };
}
