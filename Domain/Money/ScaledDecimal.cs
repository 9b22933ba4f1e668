namespace Prepaid.Domain.Money;

/// <summary>
/// Converts exact decimals to scaled integers and back. Money and energy are stored as integers of
/// 1/10000 (yuan or kWh); a value with more decimals than the scale is an error, never silently rounded,
/// because a lost fraction of a fen is lost money.
/// </summary>
public static class ScaledDecimal
{
    /// <summary>Number of decimals kept for money (yuan) and energy (kWh, m3).</summary>
    public const int Scale = 4;

    /// <summary>10^<see cref="Scale"/>.</summary>
    public const long Factor = 10_000;

    /// <summary>Converts an exact decimal to an integer count of 1/10000.</summary>
    /// <exception cref="ArgumentException">The value has more than four decimals or does not fit in 64 bits.</exception>
    public static long ToScaled(decimal value)
    {
        var scaled = value * Factor;
        if (scaled != decimal.Truncate(scaled))
        {
            throw new ArgumentException(
                $"The value {value} has more than {Scale} decimals and cannot be stored exactly.", nameof(value));
        }

        if (scaled > long.MaxValue || scaled < long.MinValue)
        {
            throw new ArgumentException($"The value {value} is too large to be stored.", nameof(value));
        }

        return (long)scaled;
    }

    /// <summary>Converts an integer count of 1/10000 back to the exact decimal.</summary>
    public static decimal FromScaled(long scaled) => scaled / (decimal)Factor;

    /// <summary>True when the value has at most four decimals.</summary>
    public static bool IsRepresentable(decimal value)
    {
        var scaled = value * Factor;
        return scaled == decimal.Truncate(scaled);
    }
}
