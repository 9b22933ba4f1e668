namespace Prepaid.App.Kernel.Ledger;

/// <summary>Marks the meter-billing delivery writes into a delivery's detail that the ledger must recognise.</summary>
public static class DeliveryMarks
{
    /// <summary>The start of the detail of a part gathered into another part's purchase (to pay off a carried overdraft).</summary>
    public const string OverdraftPrefix = "Delivered with an overdraft pay-off, command ";
}

/// <summary>
/// The ledger side of a delivery to a meter that bills itself: the money leaves the account's ledger as a
/// <see cref="Prepaid.Domain.Model.LedgerEntryKind.MeterPurchase"/> when the delivery is planned, and comes back
/// (a reversal of that entry) only when the part is cancelled before the meter took it.
/// </summary>
public static class MeterPurchases
{
    /// <summary>Cause type of a meter purchase; the cause id is "{payment key}:{meter id}".</summary>
    public const string CauseType = "meter-delivery";

    /// <summary>The idempotency key of the purchase paying one part of a payment: one per payment and meter.</summary>
    public static string KeyFor(string paymentKey, int meterId) => PrefixFor(paymentKey) + meterId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>What the keys of every purchase of one payment start with.</summary>
    public static string PrefixFor(string paymentKey) => $"purchase:{paymentKey}:";

    /// <summary>The cause id of that purchase.</summary>
    public static string CauseIdFor(string paymentKey, int meterId) => $"{paymentKey}:{meterId.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
