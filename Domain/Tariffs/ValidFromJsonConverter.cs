using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Prepaid.Domain.Tariffs;

/// <summary>
/// Reads and writes a plan version's <see cref="TariffPlan.ValidFrom"/> as "yyyy-MM-dd". A version starts at
/// site-local midnight of that date and at no other time, so a value with a time of day (even 00:00, or with a
/// UTC offset, which would be another local time) is refused with a message that says so, rather than the time
/// being dropped or the value reported as merely "not a date".
/// </summary>
public sealed class ValidFromJsonConverter : JsonConverter<DateOnly>
{
    private const string Format = "yyyy-MM-dd";

    /// <inheritdoc />
    public override DateOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            var raw = reader.TokenType is JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null
                ? Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan)
                : reader.TokenType.ToString();
            throw new JsonException($"{raw} is not a date in the form {Format} (for example 2026-01-01).");
        }

        var text = reader.GetString() ?? string.Empty;
        if (DateOnly.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        if (text.Length > Format.Length
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var withTime))
        {
            var day = DateOnly.FromDateTime(withTime.DateTime);
            throw new JsonException(string.Create(CultureInfo.InvariantCulture,
                $"'{text}' has a time of day, but a version starts at site-local midnight (00:00) of its validFrom date and at no other time; write the date alone, for example {day:yyyy-MM-dd} (from 00:00 that day) or {day.AddDays(1):yyyy-MM-dd} (from the next midnight)."));
        }

        throw new JsonException($"'{text}' is not a date in the form {Format} (for example 2026-01-01).");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateOnly value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString(Format, CultureInfo.InvariantCulture));
    }
}
