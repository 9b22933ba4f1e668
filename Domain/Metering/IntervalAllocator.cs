using Prepaid.Domain.Tariffs;

namespace Prepaid.Domain.Metering;

/// <summary>A share of a delta that falls into one 15-minute interval.</summary>
public readonly record struct IntervalShare(DateTimeOffset IntervalStart, decimal Quantity);

/// <summary>
/// Spreads a delta measured between two readings over the 15-minute intervals it spans, in proportion to time.
/// Every real UTC offset is a multiple of 15 minutes, so intervals aligned in UTC are aligned in site time too.
/// The running total is rounded to 0.0001 at each interval boundary and each share is the difference of two
/// rounded running totals, so every share is within 0.0001 of its exact proportional value (never a remainder
/// piled on the last interval) and the shares sum exactly to the delta.
/// </summary>
public static class IntervalAllocator
{
    /// <summary>The interval length.</summary>
    public static readonly TimeSpan Length = TimeSpan.FromMinutes(15);

    /// <summary>The decimals shares are rounded to (0.0001 kWh or m3, the storage scale).</summary>
    public const int Decimals = 4;

    /// <summary>The start of the interval that contains <paramref name="instant"/>.</summary>
    public static DateTimeOffset StartOf(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % Length.Ticks), TimeSpan.Zero);
    }

    /// <summary>Splits <paramref name="delta"/> measured from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static IReadOnlyList<IntervalShare> Allocate(DateTimeOffset from, DateTimeOffset to, decimal delta)
    {
        if (to < from)
        {
            throw new ArgumentException("The interval ends before it starts.", nameof(to));
        }

        if (to == from || StartOf(from) == StartOf(to - TimeSpan.FromTicks(1)))
        {
            return [new IntervalShare(StartOf(from), delta)];
        }

        var total = (decimal)(to - from).Ticks;
        var shares = new List<IntervalShare>();
        var assigned = 0m;
        for (var start = StartOf(from); start < to; start += Length)
        {
            var end = start + Length;
            var upToHere = Shares.Cumulative(delta, (decimal)((to < end ? to : end) - from).Ticks, total, Decimals);
            shares.Add(new IntervalShare(start, upToHere - assigned));
            assigned = upToHere;
        }

        return shares;
    }
}
