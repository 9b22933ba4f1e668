using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Prepaid.Domain.Tariffs;

/// <summary>Reads and writes a segment start as "HH:mm": segments start on whole minutes.</summary>
public sealed class TimeOfDayJsonConverter : JsonConverter<TimeOnly>
{
    /// <inheritdoc />
    public override TimeOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        if (text is not null
            && TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        throw new JsonException($"'{text ?? reader.TokenType.ToString()}' is not a time of day in the form HH:mm (for example 07:00).");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, TimeOnly value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString("HH:mm", CultureInfo.InvariantCulture));
    }
}
