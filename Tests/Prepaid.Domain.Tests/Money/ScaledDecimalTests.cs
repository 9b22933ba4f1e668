using Prepaid.Domain.Money;

namespace Prepaid.Domain.Tests.Money;

public sealed class ScaledDecimalTests
{
    [Theory]
    [InlineData("0", 0L)]
    [InlineData("0.0001", 1L)]
    [InlineData("-0.0001", -1L)]
    [InlineData("1", 10_000L)]
    [InlineData("12345.6789", 123_456_789L)]
    [InlineData("922337203685477.5807", long.MaxValue)]
    [InlineData("-922337203685477.5808", long.MinValue)]
    public void ToScaled_AtMostFourDecimals_IsExactAndRoundTrips(string text, long expected)
    {
        var value = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

        var scaled = ScaledDecimal.ToScaled(value);

        Assert.Equal(expected, scaled);
        Assert.Equal(value, ScaledDecimal.FromScaled(scaled));
    }

    [Theory]
    [InlineData("0.00001")]
    [InlineData("1.23456")]
    [InlineData("-0.00005")]
    public void ToScaled_MoreThanFourDecimals_ThrowsInsteadOfRounding(string text)
    {
        var value = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

        var error = Assert.Throws<ArgumentException>(() => ScaledDecimal.ToScaled(value));

        Assert.Contains("more than 4 decimals", error.Message);
        Assert.False(ScaledDecimal.IsRepresentable(value));
    }

    [Fact]
    public void ToScaled_BeyondLongRange_Throws()
    {
        Assert.Throws<ArgumentException>(() => ScaledDecimal.ToScaled(922337203685477.5808m));
    }

    [Fact]
    public void ToScaled_RandomFourDecimalValues_RoundTripExactly()
    {
        var random = new Random(4711);
        for (var i = 0; i < 10_000; i++)
        {
            var value = random.NextInt64(-100_000_000_000, 100_000_000_000) / 10_000m;

            Assert.Equal(value, ScaledDecimal.FromScaled(ScaledDecimal.ToScaled(value)));
        }
    }
}
