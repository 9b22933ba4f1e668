using Prepaid.App.Overview;
using Prepaid.App.Tests.Support;

namespace Prepaid.App.Tests.Overview;

public sealed class SiteOverviewQueryTests
{
    [Fact]
    public async Task Get_DemoMall_CountsByShaftAddUpToTheTotals()
    {
        await using var db = await TestDatabase.CreateAsync(seedDemo: true);

        var overview = await new SiteOverviewQuery(db).GetAsync(CancellationToken.None);

        Assert.Equal(382, overview.Meters);
        Assert.Equal(352, overview.ElectricityMeters);
        Assert.Equal(30, overview.WaterMeters);
        Assert.Equal(294, overview.Tenants);
        Assert.Equal(5, overview.Gateways);
        Assert.Equal(13, overview.Buses);
        Assert.Equal(6, overview.ByShaft.Count);
        Assert.Equal(overview.Meters, overview.ByShaft.Sum(r => r.Total));
        Assert.Equal(300, overview.ByShaft.Sum(r => r.TenantElectricity));
        Assert.Equal(50, overview.ByShaft.Sum(r => r.PublicArea));
        var lvRoom = Assert.Single(overview.ByShaft, r => r.ShaftId is null);
        Assert.Equal(2, lvRoom.MainIncomer);
    }

    [Fact]
    public async Task Get_EmptyDatabase_HasNoSiteAndZeroCounts()
    {
        await using var db = await TestDatabase.CreateAsync();

        var overview = await new SiteOverviewQuery(db).GetAsync(CancellationToken.None);

        Assert.Null(overview.SiteName);
        Assert.Equal(0, overview.Meters);
        Assert.Empty(overview.ByShaft);
    }
}
