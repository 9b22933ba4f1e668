namespace Prepaid.App.Cashier;

/// <summary>A desk action refused before anything was written, with a code the UI localizes ("Cashier.Error.&lt;code&gt;").</summary>
public sealed class CashierRefusedException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
