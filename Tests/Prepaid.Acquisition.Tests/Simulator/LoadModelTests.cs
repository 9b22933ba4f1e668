using Prepaid.Acquisition.Simulator;
using Prepaid.Domain.Model;
using Prepaid.Domain.Tariffs;

namespace Prepaid.Acquisition.Tests.Simulator;

public class LoadModelTests
{
    private static readonly DateTimeOffset Day = new(2026, 7, 15, 0, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void DemandAt_SameSeed_SameValue()
    {
        var a = new LoadModel(42, SiteTimeZone.FixedChinaStandardTime);
        var b = new LoadModel(42, SiteTimeZone.FixedChinaStandardTime);
        var load = MeterLoad.Tenant(BusinessType.Retail);
        Assert.Equal(a.DemandAt(load, "m1", Day.AddHours(15)), b.DemandAt(load, "m1", Day.AddHours(15)));
        Assert.NotEqual(a.DemandAt(load, "m1", Day.AddHours(15)), new LoadModel(43, SiteTimeZone.FixedChinaStandardTime).DemandAt(load, "m1", Day.AddHours(15)));
    }

    [Theory]
    [InlineData(BusinessType.Retail, 3, 15)]
    [InlineData(BusinessType.Restaurant, 15, 12)]
    [InlineData(BusinessType.Cinema, 11, 20)]
    [InlineData(BusinessType.Ktv, 10, 22)]
    public void DemandAt_QuietHourVersusBusyHour_BusyIsHigher(BusinessType business, int quietHour, int busyHour)
    {
        var model = new LoadModel(1, SiteTimeZone.FixedChinaStandardTime);
        var load = MeterLoad.Tenant(business);
        Assert.True(model.DemandAt(load, "m", Day.AddHours(busyHour)) > model.DemandAt(load, "m", Day.AddHours(quietHour)));
    }

    [Fact]
    public void DemandAt_SupermarketAtNight_KeepsRefrigeration()
    {
        var model = new LoadModel(1, SiteTimeZone.FixedChinaStandardTime);
        Assert.InRange(model.DemandAt(MeterLoad.Tenant(BusinessType.Supermarket), "s", Day.AddHours(3)), 150m * 0.45m * 0.9m, 150m * 0.45m * 1.1m);
    }

    [Fact]
    public void DemandAt_EscalatorAtNight_Zero()
    {
        var model = new LoadModel(1, SiteTimeZone.FixedChinaStandardTime);
        Assert.Equal(0m, model.DemandAt(MeterLoad.Public(PublicLoadType.Escalator), "e", Day.AddHours(2)));
    }
}
