using System.Text.Json;

namespace Prepaid.Domain.Tariffs;

/// <summary>
/// Turns System.Text.Json's messages into text an administrator can act on: no CLR type names, and the
/// location said once.
/// </summary>
internal static class JsonErrorText
{
    private const string ConversionPrefix = "The JSON value could not be converted to ";
    private const string MissingMarker = "missing required properties including: ";
    private const string NullMarker = "doesn't allow setting null values";

    public static string Describe(JsonException e)
    {
        var text = e.Message;
        var pathSuffix = text.IndexOf(" Path: ", StringComparison.Ordinal);
        if (pathSuffix >= 0)
        {
            text = text[..pathSuffix];
        }

        if (text.StartsWith(ConversionPrefix, StringComparison.Ordinal))
        {
            text = $"the value is not {Expected(text[ConversionPrefix.Length..].TrimEnd('.'))}.";
        }
        else if (text.IndexOf(MissingMarker, StringComparison.Ordinal) is var missing and >= 0)
        {
            text = $"required properties are missing: {text[(missing + MissingMarker.Length)..].TrimEnd('.')}.";
        }
        else if (text.Contains(NullMarker, StringComparison.Ordinal) && e.Path is not null)
        {
            text = "the value must not be null.";
        }

        var where = e.Path is null ? string.Empty : $" at {e.Path}";
        var line = e.LineNumber is { } l ? $" (line {l + 1}, position {e.BytePositionInLine + 1})" : string.Empty;
        return $"Price plan JSON is invalid{where}{line}: {text}";
    }

    private static string Expected(string typeName)
    {
        const string nullable = "System.Nullable`1[";
        if (typeName.StartsWith(nullable, StringComparison.Ordinal))
        {
            typeName = typeName[nullable.Length..^1];
        }

        return typeName switch
        {
            "System.Decimal" => "a number",
            "System.DateOnly" => "a date (yyyy-MM-dd)",
            "System.String" => "a string",
            _ when typeof(TariffPlan).Assembly.GetType(typeName) is { IsEnum: true } type =>
                $"one of {string.Join(", ", Enum.GetNames(type))}",
            _ when typeof(TariffPlan).Assembly.GetType(typeName) is { } type => $"a {type.Name} object",
            _ => typeName,
        };
    }
}
