using Prepaid.Domain.Tariffs;

namespace Prepaid.Domain.Tests.Tariffs;

public class TariffModelTests
{
    [Theory]
    [InlineData("00:00", TouRate.Valley)]
    [InlineData("06:59", TouRate.Valley)]
    [InlineData("07:00", TouRate.Flat)]
    [InlineData("18:59", TouRate.Peak)]
    [InlineData("19:00", TouRate.Sharp)]
    [InlineData("20:59", TouRate.Sharp)]
    [InlineData("21:00", TouRate.Peak)]
    [InlineData("23:59", TouRate.Valley)]
    public void RateAt_SummerDay_FollowsSegmentStarts(string time, TouRate expected)
    {
        var summer = TariffPlanExamples.CommercialTou2026().Tou!.DaySchedules.Single(d => d.Name == "summer");

        Assert.Equal(expected, summer.RateAt(TimeOnly.Parse(time, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData(2026, 6, 30, "normal")]
    [InlineData(2026, 7, 1, "summer")]
    [InlineData(2026, 8, 31, "summer")]
    [InlineData(2026, 9, 1, "normal")]
    [InlineData(2028, 2, 29, "normal")]
    public void DayScheduleOn_Date_FollowsSeasonsIncludingWrappedOne(int year, int month, int day, string expected)
    {
        var tou = TariffPlanExamples.CommercialTou2026().Tou!;

        Assert.Equal(expected, tou.DayScheduleOn(new DateOnly(year, month, day)).Name);
    }

    [Theory]
    [InlineData("02-29", 2, 29)]
    [InlineData("12-31", 12, 31)]
    public void Parse_ValidMonthDay_ReadsIt(string text, int month, int day)
    {
        Assert.Equal(new MonthDay(month, day), MonthDay.Parse(text));
    }

    [Theory]
    [InlineData("02-30")]
    [InlineData("13-01")]
    [InlineData("7-1")]
    [InlineData("07/01")]
    public void Parse_InvalidMonthDay_ThrowsFormatException(string text)
    {
        var e = Assert.Throws<FormatException>(() => MonthDay.Parse(text));

        Assert.Equal($"'{text}' is not a month-day in the form MM-dd (for example 07-01).", e.Message);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(29.999, 0)]
    [InlineData(30, 1)]
    [InlineData(59.9, 1)]
    [InlineData(60, 2)]
    [InlineData(10000, 2)]
    public void BlockIndexAfter_Usage_PicksBlockOfNextUnit(double usage, int expected)
    {
        var tiers = TariffPlanExamples.WaterTiered2026().Tiers!;

        Assert.Equal(expected, tiers.BlockIndexAfter((decimal)usage));
    }
}
