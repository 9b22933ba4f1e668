using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Prepaid.App.Accounts.Desk;

/// <summary>A desk action refused before anything was written, with a code the UI localizes ("Cashier.Error.&lt;code&gt;").
/// Where the figures matter to the cashier (how much can still be taken) they travel as <see cref="Amounts"/> and the
/// UI uses the code's ".detail" text, which names them.</summary>
public sealed class CashierRefusedException(string code, string message, params decimal[] amounts) : Exception(message)
{
    public string Code { get; } = code;

    public IReadOnlyList<decimal> Amounts { get; } = amounts;

    /// <summary>The refusal in the reader's language, with its amounts when it has a text for them.</summary>
    public string Localize(IStringLocalizer l)
    {
        if (Amounts.Count > 0)
        {
            var detail = l["Cashier.Error." + Code + ".detail", [.. Amounts.Select(Money)]];
            if (!detail.ResourceNotFound)
            {
                return detail;
            }
        }

        return l["Cashier.Error." + Code];
    }

    private static object Money(decimal value) => (value < 0 ? "-¥" : "¥") + Math.Abs(value).ToString("N2", CultureInfo.InvariantCulture);
}
