using System.Globalization;

namespace Prepaid.App.Kernel.Localization;

/// <summary>Money as the desk, the account pages and the call list show it: ¥1,234.56, and -¥85.24 for a debt.</summary>
public static class YuanText
{
    /// <summary>The amount with the yuan sign, thousands separators and two decimals, the same in both languages.</summary>
    public static string Format(decimal value) => (value < 0 ? "-¥" : "¥") + Math.Abs(value).ToString("N2", CultureInfo.InvariantCulture);
}
