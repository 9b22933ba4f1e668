using Prepaid.Domain.Tariffs;

namespace Prepaid.Domain.Tests.Tariffs;

public class TariffPlanJsonTests
{
    public static TheoryData<string> ExampleNames() =>
        new(TariffPlanExamples.All().Select(p => p.Name));

    [Theory]
    [MemberData(nameof(ExampleNames))]
    public void Serialize_ExamplePlan_RoundTripsToSameJson(string name)
    {
        var plan = TariffPlanExamples.All().Single(p => p.Name == name);

        var json = TariffPlanJson.Serialize(plan);
        var back = TariffPlanJson.Deserialize(json);

        Assert.Equal(json, TariffPlanJson.Serialize(back));
        Assert.Equal(plan.ValidFrom, back.ValidFrom);
        Assert.Equal(plan.Kind, back.Kind);
    }

    [Theory]
    [MemberData(nameof(ExampleNames))]
    public void Validate_ExamplePlan_HasNoErrors(string name)
    {
        var plan = TariffPlanExamples.All().Single(p => p.Name == name);

        Assert.Empty(plan.Validate());
    }

    [Fact]
    public void Serialize_WaterPlan_WritesStableShape()
    {
        var json = TariffPlanJson.Serialize(TariffPlanExamples.WaterTiered2026());

        Assert.Equal(
            """{"name":"Water tiered 2026","commodity":"Water","validFrom":"2026-01-01","kind":"Tiered","tiers":{"period":"Monthly","blocks":[{"upTo":30,"price":4.20},{"upTo":60,"price":5.60},{"price":7.80}]}}""",
            json);
    }

    [Fact]
    public void Serialize_TouPlan_WritesTimesSeasonsAndEnumNames()
    {
        var json = TariffPlanJson.Serialize(TariffPlanExamples.CommercialTou2026());

        Assert.Contains("""{"start":"19:00","rate":"Sharp"}""", json, StringComparison.Ordinal);
        Assert.Contains("""{"name":"rest","from":"09-01","to":"06-30","daySchedule":"normal"}""", json, StringComparison.Ordinal);
        Assert.Contains("""{"rate":"Valley","price":0.35}""", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_TruncatedJson_ThrowsFormatErrorWithLine()
    {
        var json = TariffPlanJson.Serialize(TariffPlanExamples.WaterTiered2026(), indented: true);

        var e = Assert.Throws<TariffPlanFormatException>(() => TariffPlanJson.Deserialize(json[..^10]));

        Assert.StartsWith("Price plan JSON is invalid", e.Message, StringComparison.Ordinal);
        Assert.Contains("line", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_UnknownRate_ThrowsFormatErrorNamingPath()
    {
        var json = TariffPlanJson.Serialize(TariffPlanExamples.CommercialTou2026())
            .Replace("\"rate\":\"Sharp\"", "\"rate\":\"Shrap\"", StringComparison.Ordinal);

        var e = Assert.Throws<TariffPlanFormatException>(() => TariffPlanJson.Deserialize(json));

        Assert.Contains("$.tou.", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("the value is not one of Sharp, Peak, Flat, Valley, DeepValley.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_MissingValidFrom_ThrowsFormatErrorNamingProperty()
    {
        const string json = """{"name":"x","commodity":"Water","kind":"Flat","flatPrice":1}""";

        var e = Assert.Throws<TariffPlanFormatException>(() => TariffPlanJson.Deserialize(json));

        Assert.Equal("Price plan JSON is invalid at $ (line 1, position 61): required properties are missing: 'validFrom'.", e.Message);
    }

    [Theory]
    [InlineData("2026-03-01T08:00")]
    [InlineData("2026-03-01T08:00:00+08:00")]
    [InlineData("2026-03-01 08:30")]
    [InlineData("2026-03-01T00:00:00Z")]
    [InlineData("2026-03-01T00:00")]
    public void Deserialize_ValidFromWithATimeOfDay_IsRefusedSayingVersionsStartAtLocalMidnight(string validFrom)
    {
        var json = $$"""{"name":"x","commodity":"Water","validFrom":"{{validFrom}}","kind":"Flat","flatPrice":1}""";

        var e = Assert.Throws<TariffPlanFormatException>(() => TariffPlanJson.Deserialize(json));

        Assert.StartsWith("Price plan JSON is invalid at $.validFrom", e.Message, StringComparison.Ordinal);
        Assert.Contains($"'{validFrom}' has a time of day", e.Message, StringComparison.Ordinal);
        Assert.Contains("a version starts at site-local midnight", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_ValidFromAtEightInTheMorning_ExplainsTheRuleInFull()
    {
        const string json = """{"name":"x","commodity":"Water","validFrom":"2026-03-01T08:00","kind":"Flat","flatPrice":1}""";

        var e = Assert.Throws<TariffPlanFormatException>(() => TariffPlanJson.DeserializeUnvalidated(json));

        Assert.Equal(
            "Price plan JSON is invalid at $.validFrom (line 1, position 63): '2026-03-01T08:00' has a time of day, but a version starts at site-local midnight (00:00) of its validFrom date and at no other time; write the date alone, for example 2026-03-01 (from 00:00 that day) or 2026-03-02 (from the next midnight).",
            e.Message);
    }

    [Theory]
    [InlineData("\"next month\"", "'next month'")]
    [InlineData("\"2026-02-30\"", "'2026-02-30'")]
    [InlineData("20260301", "20260301")]
    [InlineData("null", "null")]
    public void Deserialize_ValidFromNotADate_ThrowsFormatErrorSayingDate(string value, string shown)
    {
        var json = $$"""{"name":"x","commodity":"Water","validFrom":{{value}},"kind":"Flat","flatPrice":1}""";

        var e = Assert.Throws<TariffPlanFormatException>(() => TariffPlanJson.Deserialize(json));

        Assert.StartsWith("Price plan JSON is invalid at $.validFrom", e.Message, StringComparison.Ordinal);
        Assert.Contains($"{shown} is not a date in the form yyyy-MM-dd", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_PriceAsString_ThrowsFormatErrorSayingNumber()
    {
        const string json = """{"name":"x","commodity":"Water","validFrom":"2026-01-01","kind":"Flat","flatPrice":"1.20"}""";

        var e = Assert.Throws<TariffPlanFormatException>(() => TariffPlanJson.Deserialize(json));

        Assert.Equal("Price plan JSON is invalid at $.flatPrice (line 1, position 90): the value is not a number.", e.Message);
    }

    [Fact]
    public void Deserialize_NullListElement_ThrowsFormatErrorNamingElement()
    {
        const string json = """{"name":"x","commodity":"Water","validFrom":"2026-01-01","kind":"Tiered","tiers":{"period":"Monthly","blocks":[{"price":1},null]}}""";

        var e = Assert.Throws<TariffPlanFormatException>(() => TariffPlanJson.Deserialize(json));

        Assert.Equal("Price plan JSON is invalid at $.tiers.blocks[1]: the value must not be null.", e.Message);
    }

    [Fact]
    public void Deserialize_UnknownProperty_ThrowsFormatError()
    {
        const string json = """{"name":"x","commodity":"Water","validFrom":"2026-01-01","kind":"Flat","flatPrice":1,"flatPirce":2}""";

        var e = Assert.Throws<TariffPlanFormatException>(() => TariffPlanJson.Deserialize(json));

        Assert.Contains("flatPirce", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_BadSegmentTime_ThrowsFormatErrorNamingValue()
    {
        var json = TariffPlanJson.Serialize(TariffPlanExamples.CommercialTou2026())
            .Replace("\"start\":\"07:00\"", "\"start\":\"7h\"", StringComparison.Ordinal);

        var e = Assert.Throws<TariffPlanFormatException>(() => TariffPlanJson.Deserialize(json));

        Assert.Contains("'7h' is not a time of day", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_NullLiteral_ThrowsFormatError()
    {
        Assert.Throws<TariffPlanFormatException>(() => TariffPlanJson.Deserialize("null"));
    }

    [Fact]
    public void Deserialize_WellFormedButInvalidPlan_ThrowsValidationError()
    {
        const string json = """{"name":"x","commodity":"Water","validFrom":"2026-01-01","kind":"Flat","flatPrice":-1}""";

        var e = Assert.Throws<TariffValidationException>(() => TariffPlanJson.Deserialize(json));

        Assert.Contains("The flat price -1 is negative.", e.Errors);
    }

    [Fact]
    public void DeserializeUnvalidated_WellFormedButInvalidPlan_ReturnsDraft()
    {
        const string json = """{"name":"x","commodity":"Water","validFrom":"2026-01-01","kind":"Flat","flatPrice":-1}""";

        var plan = TariffPlanJson.DeserializeUnvalidated(json);

        Assert.Equal(-1m, plan.FlatPrice);
    }
}
