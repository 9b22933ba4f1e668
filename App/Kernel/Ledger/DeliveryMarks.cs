namespace Prepaid.App.Kernel.Ledger;

/// <summary>Marks the meter-billing delivery writes into a delivery's detail that the ledger must recognise.</summary>
public static class DeliveryMarks
{
    /// <summary>The start of the detail of a part gathered into another part's purchase (to pay off a carried overdraft).</summary>
    public const string OverdraftPrefix = "Delivered with an overdraft pay-off, command ";
}
