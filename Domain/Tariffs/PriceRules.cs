namespace Prepaid.Domain.Tariffs;

/// <summary>Prices are yuan with at most 4 decimals, because the meters' price registers hold 0.0001 yuan.</summary>
internal static class PriceRules
{
    public const int MaxDecimals = 4;

    public static void Check(decimal price, string what, List<string> errors)
    {
        if (price < 0)
        {
            errors.Add($"{what} {price} is negative.");
        }

        if (decimal.Round(price, MaxDecimals) != price)
        {
            errors.Add($"{what} {price} has more than {MaxDecimals} decimals.");
        }
    }
}
