namespace Prepaid.Domain.Tariffs;

/// <summary>
/// Prices the quantities of one time slice, splitting them exactly at tier thresholds. When a threshold
/// falls inside the slice, every rate's quantity is split in the same proportion (the meter does not say
/// which rate's units came first) and the crossing time is interpolated linearly.
/// </summary>
internal static class TierSplitter
{
    public static TierUsage Split(TimeSlice slice, IReadOnlyList<(TouRate? Rate, decimal Quantity)> entries, TierUsage usage, List<PricedPiece> output)
    {
        var total = entries.Sum(e => e.Quantity);
        if (total == 0m)
        {
            return usage;
        }

        var tiers = slice.Plan.Tiers;
        if (tiers is null)
        {
            Emit(slice, slice.StartTicks, slice.EndTicks, entries, null, e => e.Quantity, output);
            return usage.Add(total);
        }

        var consumed = 0m;
        var allocated = new decimal[entries.Count];

        // Each part fills one block (or ends the slice), so there are at most as many parts as blocks;
        // the guard turns a decimal-precision surprise into an error instead of a hang.
        for (var parts = 0; consumed < total; parts++)
        {
            if (parts > tiers.Blocks.Count)
            {
                throw new InvalidOperationException($"Tier split did not converge at usage {usage.In(tiers.Period)} of {total}.");
            }

            var used = usage.In(tiers.Period);
            var index = tiers.BlockIndexAfter(used);
            var room = tiers.Blocks[index].UpTo is { } upTo ? upTo - used : decimal.MaxValue;
            var take = Math.Min(total - consumed, room);
            var isLastPart = consumed + take == total;
            var startTicks = Interpolate(slice, consumed, total);
            var endTicks = isLastPart ? slice.EndTicks : Interpolate(slice, consumed + take, total);
            var consumedAfter = isLastPart ? total : consumed + take;
            var j = 0;
            Emit(slice, startTicks, endTicks, entries, index, e =>
            {
                var upToHere = Shares.Cumulative(e.Quantity, consumedAfter, total);
                var q = upToHere - allocated[j];
                allocated[j++] = upToHere;
                return q;
            }, output);
            consumed += take;
            usage = usage.Add(take);
        }

        return usage;
    }

    private static long Interpolate(TimeSlice slice, decimal consumed, decimal total) =>
        slice.StartTicks + (long)Math.Round(slice.Ticks * consumed / total, MidpointRounding.AwayFromZero);

    private static void Emit(
        TimeSlice slice,
        long startTicks,
        long endTicks,
        IReadOnlyList<(TouRate? Rate, decimal Quantity)> entries,
        int? tierIndex,
        Func<(TouRate? Rate, decimal Quantity), decimal> quantityOf,
        List<PricedPiece> output)
    {
        foreach (var entry in entries)
        {
            var quantity = quantityOf(entry);
            if (quantity == 0m)
            {
                continue;
            }

            var price = UnitPrices.Of(slice.Plan, entry.Rate, tierIndex);
            output.Add(new PricedPiece(startTicks, endTicks, slice.LocalDate, slice.Plan, entry.Rate, tierIndex, quantity, price));
        }
    }
}
