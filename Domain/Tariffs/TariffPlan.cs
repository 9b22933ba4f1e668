using System.Text.Json.Serialization;

namespace Prepaid.Domain.Tariffs;

/// <summary>
/// One version of a price plan (价格方案), valid from a site-local date until the next version.
/// Which of <see cref="FlatPrice"/>, <see cref="Tou"/> and <see cref="Tiers"/> are present follows
/// <see cref="Kind"/>; <see cref="Validate"/> checks that and every other rule. Stored as JSON by
/// <see cref="TariffPlanJson"/>.
/// </summary>
public sealed record TariffPlan
{
    /// <summary>Display name, for example "Commercial TOU 2026".</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>Electricity or water.</summary>
    [JsonPropertyName("commodity")]
    public required Commodity Commodity { get; init; }

    /// <summary>First site-local day this version applies, from local midnight: a version starts at a site-local
    /// midnight and at no other time. In JSON a date "yyyy-MM-dd"; a value with a time of day is refused
    /// (<see cref="ValidFromJsonConverter"/>).</summary>
    [JsonPropertyName("validFrom")]
    [JsonConverter(typeof(ValidFromJsonConverter))]
    public required DateOnly ValidFrom { get; init; }

    /// <summary>How a unit is priced.</summary>
    [JsonPropertyName("kind")]
    public required PricingKind Kind { get; init; }

    /// <summary>Yuan per unit, for <see cref="PricingKind.Flat"/> only.</summary>
    [JsonPropertyName("flatPrice")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public decimal? FlatPrice { get; init; }

    /// <summary>Time of use, for <see cref="PricingKind.Tou"/> and <see cref="PricingKind.TouTiered"/>.</summary>
    [JsonPropertyName("tou")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public TouSchedule? Tou { get; init; }

    /// <summary>Tier blocks, for <see cref="PricingKind.Tiered"/> and <see cref="PricingKind.TouTiered"/>.</summary>
    [JsonPropertyName("tiers")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public TierSchedule? Tiers { get; init; }

    /// <summary>Checks every rule; returns human-readable errors naming the part at fault, empty when valid.</summary>
    public IReadOnlyList<string> Validate() => [.. ValidateIssues().Select(i => i.English)];

    /// <summary>The same checks as <see cref="Validate"/>, each error with its code and arguments for translation.</summary>
    public IReadOnlyList<ValidationIssue> ValidateIssues() => TariffPlanValidator.Validate(this);

    /// <summary>Throws <see cref="TariffValidationException"/> when <see cref="Validate"/> finds errors.</summary>
    public void EnsureValid()
    {
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new TariffValidationException(Name, errors);
        }
    }
}
