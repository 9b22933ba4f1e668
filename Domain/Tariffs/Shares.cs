namespace Prepaid.Domain.Tariffs;

/// <summary>
/// Proportional shares of a quantity. A share like 10 x 1/3 has no exact decimal, and 28-digit shares
/// do not add back up exactly in decimal arithmetic, so cumulative shares are rounded (to
/// <see cref="TariffPricer.ShareDecimals"/> decimals unless the caller names another precision) and capped
/// at the quantity (pieces are never negative); the last piece takes the exact remainder, so the pieces
/// sum to the whole exactly. Because each boundary is rounded on its own, every piece is within one unit
/// of the last decimal of its exact share.
/// </summary>
internal static class Shares
{
    /// <summary>The quantity's share up to <paramref name="partSoFar"/> of <paramref name="whole"/>, rounded to
    /// <paramref name="decimals"/> decimals (half away from zero).</summary>
    public static decimal Cumulative(decimal quantity, decimal partSoFar, decimal whole, int decimals = TariffPricer.ShareDecimals)
    {
        if (partSoFar >= whole)
        {
            return quantity;
        }

        // The whole itself needs no proportion: a tier part of a single delta is exactly its threshold room.
        if (quantity == whole)
        {
            return partSoFar;
        }

        return Math.Min(quantity, Math.Round(quantity * partSoFar / whole, decimals, MidpointRounding.AwayFromZero));
    }
}
