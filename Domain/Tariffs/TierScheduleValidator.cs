namespace Prepaid.Domain.Tariffs;

/// <summary>Rules of tier blocks: ascending thresholds, an open last block, price or adder per the plan kind.</summary>
internal static class TierScheduleValidator
{
    public static void Validate(TierSchedule tiers, PricingKind kind, List<string> errors)
    {
        if (!Enum.IsDefined(tiers.Period))
        {
            errors.Add($"Unknown tier period {(int)tiers.Period}.");
        }

        var blocks = tiers.Blocks;
        if (blocks.Count == 0)
        {
            errors.Add("The tier schedule has no block.");
            return;
        }

        decimal? previous = null;
        for (var i = 0; i < blocks.Count; i++)
        {
            var block = blocks[i];
            var label = $"Tier block {i + 1}";
            var isLast = i == blocks.Count - 1;
            if (isLast && block.UpTo is not null)
            {
                errors.Add($"{label} (the last) has threshold {block.UpTo}; the last block must be open-ended (no upTo).");
            }
            else if (!isLast && block.UpTo is null)
            {
                errors.Add($"{label} has no threshold (upTo); only the last block is open-ended.");
            }
            else if (!isLast)
            {
                var threshold = block.UpTo!.Value;
                if (threshold <= 0)
                {
                    errors.Add($"{label} threshold {threshold} is not above 0.");
                }
                else if (previous is { } p && threshold <= p)
                {
                    errors.Add($"{label} threshold {threshold} is not above block {i} threshold {p}; thresholds must be ascending.");
                }

                previous = threshold;
            }

            CheckPrice(block, label, kind, errors);
        }
    }

    private static void CheckPrice(TierBlock block, string label, PricingKind kind, List<string> errors)
    {
        var wantsAdder = kind == PricingKind.TouTiered;
        if (wantsAdder)
        {
            if (block.Price is not null)
            {
                errors.Add($"{label} has a price; blocks of a TouTiered plan have an adder to the TOU price instead.");
            }

            if (block.Adder is { } adder)
            {
                PriceRules.Check(adder, $"{label} adder", errors);
            }
            else
            {
                errors.Add($"{label} has no adder.");
            }
        }
        else
        {
            if (block.Adder is not null)
            {
                errors.Add($"{label} has an adder; only blocks of a TouTiered plan have one.");
            }

            if (block.Price is { } price)
            {
                PriceRules.Check(price, $"{label} price", errors);
            }
            else
            {
                errors.Add($"{label} has no price.");
            }
        }
    }
}
