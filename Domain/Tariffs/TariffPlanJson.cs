using System.Text.Json;
using System.Text.Json.Serialization;

namespace Prepaid.Domain.Tariffs;

/// <summary>
/// The JSON form of a plan version, for a text column. Property names are fixed by attributes on the
/// model (camelCase), enums are written as their names ("Sharp"), dates "yyyy-MM-dd", segment starts
/// "HH:mm", season edges "MM-dd", prices as JSON numbers (exact decimals). Unknown properties are rejected
/// so a typo cannot silently drop part of a plan.
/// </summary>
public static class TariffPlanJson
{
    private static readonly JsonSerializerOptions Compact = CreateOptions(indented: false);
    private static readonly JsonSerializerOptions Indented = CreateOptions(indented: true);

    /// <summary>Writes a plan version as JSON. Does not validate: drafts can be stored too.</summary>
    public static string Serialize(TariffPlan plan, bool indented = false)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return JsonSerializer.Serialize(plan, indented ? Indented : Compact);
    }

    /// <summary>Reads a plan version and validates it.</summary>
    /// <exception cref="TariffPlanFormatException">The text is not JSON of the plan shape; the message says where.</exception>
    /// <exception cref="TariffValidationException">The plan is well-formed but breaks a rule.</exception>
    public static TariffPlan Deserialize(string json)
    {
        var plan = DeserializeUnvalidated(json);
        plan.EnsureValid();
        return plan;
    }

    /// <summary>Reads a plan version without checking its rules (for editing a draft).</summary>
    /// <exception cref="TariffPlanFormatException">The text is not JSON of the plan shape; the message says where.</exception>
    public static TariffPlan DeserializeUnvalidated(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        TariffPlan? plan;
        try
        {
            plan = JsonSerializer.Deserialize<TariffPlan>(json, Compact);
        }
        catch (JsonException e)
        {
            throw new TariffPlanFormatException(JsonErrorText.Describe(e), e);
        }

        if (plan is null)
        {
            throw new TariffPlanFormatException("Price plan JSON is 'null', not a plan object.");
        }

        return NullElementCheck.FirstNullPath(plan) is { } path
            ? throw new TariffPlanFormatException($"Price plan JSON is invalid at {path}: the value must not be null.")
            : plan;
    }

    private static JsonSerializerOptions CreateOptions(bool indented)
    {
        var options = new JsonSerializerOptions
        {
            WriteIndented = indented,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            RespectNullableAnnotations = true,
            NumberHandling = JsonNumberHandling.Strict,
        };
        options.Converters.Add(new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
