using System.Text.Json.Serialization;

namespace Prepaid.Domain.Tariffs;

/// <summary>
/// One tier block (阶梯档). It covers consumption in the tier period from the previous block's
/// <see cref="UpTo"/> (or 0) up to its own; the last block has no <see cref="UpTo"/> and is open-ended.
/// Exactly one of <see cref="Price"/> (plan kind Tiered) or <see cref="Adder"/> (plan kind TouTiered) is set.
/// </summary>
public sealed record TierBlock
{
    /// <summary>Upper threshold of cumulative period consumption (kWh or m3); null for the last block.</summary>
    [JsonPropertyName("upTo")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public decimal? UpTo { get; init; }

    /// <summary>Yuan per unit for this block (plan kind Tiered).</summary>
    [JsonPropertyName("price")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public decimal? Price { get; init; }

    /// <summary>Yuan per unit added to the TOU rate price (plan kind TouTiered).</summary>
    [JsonPropertyName("adder")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public decimal? Adder { get; init; }
}
