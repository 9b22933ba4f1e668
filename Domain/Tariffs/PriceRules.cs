namespace Prepaid.Domain.Tariffs;

/// <summary>Prices are yuan with at most 4 decimals, because the meters' price registers hold 0.0001 yuan.</summary>
internal static class PriceRules
{
    public const int MaxDecimals = 4;

    /// <summary>
    /// <paramref name="codePrefix"/> names the kind of price (e.g. <c>Tariff.FlatPrice</c>); <paramref name="labelArgs"/>
    /// are the arguments that identify it, placed before the price in the issue's arguments.
    /// </summary>
    public static void Check(decimal price, string what, IssueList errors, string codePrefix, params object[] labelArgs)
    {
        if (price < 0)
        {
            errors.Add(codePrefix + ".Negative", $"{what} {price} is negative.", [.. labelArgs, price]);
        }

        if (decimal.Round(price, MaxDecimals) != price)
        {
            errors.Add(codePrefix + ".Decimals", $"{what} {price} has more than {MaxDecimals} decimals.", [.. labelArgs, price, MaxDecimals]);
        }
    }
}
