using System.Text.Json.Serialization;

namespace Prepaid.Domain.Tariffs;

/// <summary>Tiered blocks on monthly or yearly consumption, thresholds ascending, the last block open-ended.</summary>
public sealed record TierSchedule
{
    /// <summary>Over which site-local calendar period consumption accumulates.</summary>
    [JsonPropertyName("period")]
    public required TierPeriod Period { get; init; }

    /// <summary>The blocks, lowest first.</summary>
    [JsonPropertyName("blocks")]
    public required IReadOnlyList<TierBlock> Blocks { get; init; }

    /// <summary>Index of the block that prices the next unit after <paramref name="usage"/> units in the period.</summary>
    public int BlockIndexAfter(decimal usage)
    {
        for (var i = 0; i < Blocks.Count - 1; i++)
        {
            if (usage < Blocks[i].UpTo)
            {
                return i;
            }
        }

        return Blocks.Count - 1;
    }
}
