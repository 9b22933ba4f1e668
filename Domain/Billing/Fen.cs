namespace Prepaid.Domain.Billing;

/// <summary>Helpers for amounts in whole fen (0.01 yuan), the precision of receipts, fees and shares.</summary>
public static class Fen
{
    /// <summary>True when the amount has at most two decimals.</summary>
    public static bool IsWhole(decimal yuan) => decimal.Round(yuan, 2) == yuan;

    /// <summary>Rounds to the fen half away from zero (四舍五入).</summary>
    public static decimal Round(decimal yuan) => decimal.Round(yuan, 2, MidpointRounding.AwayFromZero);

    /// <summary>Rounds down (towards negative infinity) to the fen.</summary>
    public static decimal Floor(decimal yuan) => decimal.Floor(yuan * 100m) / 100m;
}
