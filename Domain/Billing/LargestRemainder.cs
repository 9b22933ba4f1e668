namespace Prepaid.Domain.Billing;

/// <summary>
/// Splits a whole number of fen in proportion to weights so that the parts sum exactly to the total:
/// every part first gets the floor of its exact quota, then the fen left over go one each to the parts
/// with the largest remainders; ties go to the larger weight, then to the smaller tie-break id.
/// All arithmetic is exact (no division result is trusted without checking it by multiplication).
/// </summary>
internal static class LargestRemainder
{
    /// <summary>Splits <paramref name="totalFen"/> (a non-negative integer) by the weights (non-negative, sum positive).</summary>
    public static long[] Split(decimal totalFen, IReadOnlyList<decimal> weights, IReadOnlyList<int> tieBreakIds)
    {
        var sum = 0m;
        foreach (var w in weights)
        {
            sum += w;
        }

        var n = weights.Count;
        var floors = new long[n];
        var remainders = new decimal[n];
        var allotted = 0m;
        for (var i = 0; i < n; i++)
        {
            var numerator = totalFen * weights[i];
            var q = decimal.Floor(numerator / sum);
            if (q * sum > numerator)
            {
                q -= 1;
            }
            else if ((q + 1) * sum <= numerator)
            {
                q += 1;
            }

            floors[i] = (long)q;
            remainders[i] = numerator - (q * sum);
            allotted += q;
        }

        var left = (long)(totalFen - allotted);
        var order = Enumerable.Range(0, n)
            .OrderByDescending(i => remainders[i])
            .ThenByDescending(i => weights[i])
            .ThenBy(i => tieBreakIds[i])
            .ThenBy(i => i);
        foreach (var i in order)
        {
            if (left == 0)
            {
                break;
            }

            floors[i]++;
            left--;
        }

        return floors;
    }
}
