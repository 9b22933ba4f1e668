using System.Text.Json.Serialization;

namespace Prepaid.Domain.Tariffs;

/// <summary>The price of one TOU rate, in yuan per unit (kWh or m3), at most 4 decimals.</summary>
public sealed record RatePrice
{
    /// <summary>The rate.</summary>
    [JsonPropertyName("rate")]
    public required TouRate Rate { get; init; }

    /// <summary>Yuan per unit.</summary>
    [JsonPropertyName("price")]
    public required decimal Price { get; init; }
}
