using System.Text.Json;
using System.Text.Json.Serialization;

namespace Prepaid.Domain.Tariffs;

/// <summary>Reads and writes <see cref="MonthDay"/> as "MM-dd".</summary>
public sealed class MonthDayJsonConverter : JsonConverter<MonthDay>
{
    /// <inheritdoc />
    public override MonthDay Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        try
        {
            return MonthDay.Parse(text ?? string.Empty);
        }
        catch (FormatException e)
        {
            throw new JsonException(e.Message, e);
        }
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, MonthDay value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString());
    }
}
