using System.Text.RegularExpressions;
using Prepaid.Domain.Billing;
using Prepaid.Domain.Model;

namespace Prepaid.App.Accounts.Desk;

/// <summary>Checks shared by the desk's actions; each refusal names what is wrong.</summary>
public static partial class DeskRules
{
    /// <summary>The largest single desk movement, a guard against a mistyped amount.</summary>
    public const decimal MaxAmount = 1_000_000m;

    /// <summary>Methods taken at the desk; WeChat and Alipay arrive through the online payment channel.</summary>
    public static readonly IReadOnlyList<PaymentMethod> DeskMethods = [PaymentMethod.Cash, PaymentMethod.BankCard, PaymentMethod.Transfer];

    public static void Amount(decimal amount)
    {
        if (amount <= 0 || !Fen.IsWhole(amount))
        {
            throw new CashierRefusedException("amount", $"The amount ({amount}) must be positive, in whole fen.");
        }

        if (amount > MaxAmount)
        {
            throw new CashierRefusedException("amount-too-large", $"The amount ({amount}) is above the desk's limit of {MaxAmount}.");
        }
    }

    public static void Method(PaymentMethod method)
    {
        if (!DeskMethods.Contains(method))
        {
            throw new CashierRefusedException("method", $"{method} is not taken at the desk (cash, bank card or transfer).");
        }
    }

    public static string Reason(string? reason)
    {
        var text = reason?.Trim() ?? "";
        if (text.Length is 0 or > 500)
        {
            throw new CashierRefusedException("reason", "A reason of 1 to 500 characters is required.");
        }

        return text;
    }

    public static void OrderKey(string? key)
    {
        if (key is null || !OrderKeyShape().IsMatch(key))
        {
            throw new CashierRefusedException("order-key", "The recharge order key must be 8 to 64 letters, digits or dashes.");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9-]{8,64}$")]
    private static partial Regex OrderKeyShape();
}
