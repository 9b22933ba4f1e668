using Microsoft.EntityFrameworkCore;
using Prepaid.App.Meters;
using Prepaid.App.Tests.Support;
using Prepaid.Domain.Model;

namespace Prepaid.App.Tests.Meters;

public sealed class MeterListQueryTests
{
    private static Task<MeterPage> Page(TestDatabase db, MeterFilter filter, int page = 0, int size = 50,
        MeterSortColumn sort = MeterSortColumn.Name, bool descending = false) =>
        new MeterListQuery(db).GetPageAsync(new MeterListRequest(filter, page, size, sort, descending), CancellationToken.None);

    [Fact]
    public async Task GetPage_NoFilter_CountsEveryMeterAndReturnsOnePage()
    {
        await using var db = await TestDatabase.CreateAsync(seedDemo: true);

        var page = await Page(db, new MeterFilter());

        Assert.Equal(382, page.Total);
        Assert.Equal(50, page.Rows.Count);
    }

    [Theory]
    [InlineData(MeterKind.Water, null, 30)]
    [InlineData(MeterKind.Electricity, MeterRole.PublicArea, 50)]
    [InlineData(MeterKind.Electricity, MeterRole.MainIncomer, 2)]
    [InlineData(MeterKind.Electricity, MeterRole.Tenant, 300)]
    public async Task GetPage_KindAndRole_FiltersExactly(MeterKind kind, MeterRole? role, int expected)
    {
        await using var db = await TestDatabase.CreateAsync(seedDemo: true);

        var page = await Page(db, new MeterFilter(Kind: kind, Role: role), size: 500);

        Assert.Equal(expected, page.Total);
        Assert.All(page.Rows, r => Assert.Equal(kind, r.Kind));
    }

    [Fact]
    public async Task GetPage_BillingModePlatformForShops_ListsTheThreePhaseTenants()
    {
        await using var db = await TestDatabase.CreateAsync(seedDemo: true);

        var page = await Page(db, new MeterFilter(Role: MeterRole.Tenant, BillingMode: BillingMode.Platform), size: 500);

        Assert.Equal(20, page.Total);
        Assert.All(page.Rows, r => Assert.Equal(MeterProfile.PrepaidThreePhase, r.Profile));
    }

    [Fact]
    public async Task GetPage_Shaft_ListsOnlyThatShaftsMeters()
    {
        await using var database = await TestDatabase.CreateAsync(seedDemo: true);
        await using var ctx = database.CreateDbContext();
        var shaft = await ctx.Shafts.SingleAsync(s => s.Code == "S3");
        var expected = await ctx.Meters.CountAsync(m => m.ShaftId == shaft.Id);

        var page = await Page(database, new MeterFilter(ShaftId: shaft.Id), size: 500);

        Assert.Equal(expected, page.Total);
        Assert.All(page.Rows, r => Assert.Equal("S3", r.ShaftCode));
    }

    [Fact]
    public async Task GetPage_SearchByShopName_FindsItsElectricityAndWaterMeters()
    {
        await using var database = await TestDatabase.CreateAsync(seedDemo: true);
        await using var ctx = database.CreateDbContext();
        var stall = await ctx.Tenants.FirstAsync(t => t.BusinessType == BusinessType.FoodCourt && t.UnitNumber == "L4-F01");

        var page = await Page(database, new MeterFilter(Search: stall.Name));

        Assert.Equal(2, page.Total);
        Assert.Equal([MeterKind.Electricity, MeterKind.Water], page.Rows.Select(r => r.Kind).Order());
    }

    [Theory]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("\\")]
    public async Task GetPage_SearchWithLikeWildcards_MatchesLiterallyNotEverything(string search)
    {
        await using var db = await TestDatabase.CreateAsync(seedDemo: true);

        var page = await Page(db, new MeterFilter(Search: search));

        Assert.Equal(0, page.Total);
    }

    [Theory]
    [InlineData(MeterSortColumn.Name, false)]
    [InlineData(MeterSortColumn.SerialNumber, true)]
    [InlineData(MeterSortColumn.Tenant, false)]
    [InlineData(MeterSortColumn.Bus, false)]
    [InlineData(MeterSortColumn.UnitId, true)]
    public async Task GetPage_AllPagesOfASort_CoverEveryMeterOnceInOrder(MeterSortColumn sort, bool descending)
    {
        await using var db = await TestDatabase.CreateAsync(seedDemo: true);

        var rows = new List<MeterRow>();
        for (var p = 0; p < 8; p++)
        {
            rows.AddRange((await Page(db, new MeterFilter(), p, 50, sort, descending)).Rows);
        }

        Assert.Equal(382, rows.Count);
        Assert.Equal(382, rows.Select(r => r.Id).Distinct().Count());
        if (sort == MeterSortColumn.SerialNumber)
        {
            var serials = rows.Select(r => r.SerialNumber).ToList();
            Assert.Equal(serials.OrderDescending(StringComparer.Ordinal), serials);
        }
    }

    [Theory]
    [InlineData(-1, 50)]
    [InlineData(0, 0)]
    [InlineData(0, 501)]
    public async Task GetPage_InvalidPaging_IsRefused(int page, int size)
    {
        await using var db = await TestDatabase.CreateAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Page(db, new MeterFilter(), page, size));
    }
}
