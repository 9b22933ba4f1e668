namespace Prepaid.Domain.Tariffs;

/// <summary>Rules of tier blocks: ascending thresholds, an open last block, price or adder per the plan kind.</summary>
internal static class TierScheduleValidator
{
    public static void Validate(TierSchedule tiers, PricingKind kind, IssueList errors)
    {
        if (!Enum.IsDefined(tiers.Period))
        {
            errors.Add("Tariff.Tier.UnknownPeriod", $"Unknown tier period {(int)tiers.Period}.", (int)tiers.Period);
        }

        var blocks = tiers.Blocks;
        if (blocks.Count == 0)
        {
            errors.Add("Tariff.Tier.NoBlock", "The tier schedule has no block.");
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
                errors.Add("Tariff.Tier.LastHasThreshold", $"{label} (the last) has threshold {block.UpTo}; the last block must be open-ended (no upTo).", i + 1, block.UpTo.Value);
            }
            else if (!isLast && block.UpTo is null)
            {
                errors.Add("Tariff.Tier.NoThreshold", $"{label} has no threshold (upTo); only the last block is open-ended.", i + 1);
            }
            else if (!isLast)
            {
                var threshold = block.UpTo!.Value;
                if (threshold <= 0)
                {
                    errors.Add("Tariff.Tier.NotPositive", $"{label} threshold {threshold} is not above 0.", i + 1, threshold);
                }
                else if (previous is { } p && threshold <= p)
                {
                    errors.Add("Tariff.Tier.NotAscending", $"{label} threshold {threshold} is not above block {i} threshold {p}; thresholds must be ascending.", i + 1, threshold, i, p);
                }

                previous = threshold;
            }

            CheckPrice(block, label, i + 1, kind, errors);
        }
    }

    private static void CheckPrice(TierBlock block, string label, int number, PricingKind kind, IssueList errors)
    {
        var wantsAdder = kind == PricingKind.TouTiered;
        if (wantsAdder)
        {
            if (block.Price is not null)
            {
                errors.Add("Tariff.Tier.PriceInTouTiered", $"{label} has a price; blocks of a TouTiered plan have an adder to the TOU price instead.", number);
            }

            if (block.Adder is { } adder)
            {
                PriceRules.Check(adder, $"{label} adder", errors, "Tariff.TierAdder", number);
            }
            else
            {
                errors.Add("Tariff.Tier.NoAdder", $"{label} has no adder.", number);
            }
        }
        else
        {
            if (block.Adder is not null)
            {
                errors.Add("Tariff.Tier.AdderNotTouTiered", $"{label} has an adder; only blocks of a TouTiered plan have one.", number);
            }

            if (block.Price is { } price)
            {
                PriceRules.Check(price, $"{label} price", errors, "Tariff.TierPrice", number);
            }
            else
            {
                errors.Add("Tariff.Tier.NoPrice", $"{label} has no price.", number);
            }
        }
    }
}
