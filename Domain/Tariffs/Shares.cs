namespace Prepaid.Domain.Tariffs;

/// <summary>
/// Proportional shares of a quantity. A share like 10 x 1/3 has no exact decimal, and 28-digit shares
/// do not add back up exactly in decimal arithmetic, so cumulative shares are cut to
/// <see cref="TariffPricer.ShareDecimals"/> decimals (towards zero, so they never overshoot) and the last
/// piece takes the exact remainder. The pieces then sum to the whole exactly, in any order.
/// </summary>
internal static class Shares
{
    /// <summary>The quantity's share up to <paramref name="partSoFar"/> of <paramref name="whole"/>.</summary>
    public static decimal Cumulative(decimal quantity, decimal partSoFar, decimal whole) =>
        partSoFar >= whole
            ? quantity
            : Math.Round(quantity * partSoFar / whole, TariffPricer.ShareDecimals, MidpointRounding.ToZero);
}
