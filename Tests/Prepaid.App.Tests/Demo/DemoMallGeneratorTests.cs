using Prepaid.App.Demo;
using Prepaid.App.Tests.Support;
using Prepaid.Domain.Model;

namespace Prepaid.App.Tests.Demo;

public sealed class DemoMallGeneratorTests
{
    private static DemoMall Generate(int seed = 20261123) =>
        new DemoMallGenerator(new DemoOptions { Enabled = true, RandomSeed = seed }, TestTime.DefaultStart).Generate();

    [Fact]
    public void Generate_ReferenceSeed_HasTheReferenceComposition()
    {
        var mall = Generate();
        var meters = mall.Meters.Select(m => m.Meter).ToList();

        Assert.Equal(5, mall.Shafts.Count);
        Assert.Equal(2, mall.Transformers.Count);
        Assert.Equal(280, meters.Count(m => m.Profile == MeterProfile.PrepaidSinglePhase));
        Assert.Equal(20, meters.Count(m => m.Profile == MeterProfile.PrepaidThreePhase));
        Assert.Equal(50, meters.Count(m => m.Role == MeterRole.PublicArea));
        Assert.Equal(2, meters.Count(m => m.Role == MeterRole.MainIncomer));
        Assert.Equal(30, meters.Count(m => m.Kind == MeterKind.Water));
        Assert.Equal(382, meters.Count);
    }

    [Fact]
    public void Generate_SameSeed_GivesTheSameMall()
    {
        var first = Generate();
        var second = Generate();

        Assert.Equal(Describe(first), Describe(second));
    }

    [Fact]
    public void Generate_OtherSeed_GivesAnotherMall()
    {
        Assert.NotEqual(Describe(Generate(1)), Describe(Generate(2)));
    }

    [Fact]
    public void Generate_EveryGateway_HasTwoOrThreeBusesOfAtMost32Devices()
    {
        var mall = Generate();

        Assert.All(mall.Shafts, s => Assert.InRange(s.Gateway.Buses.Count, 2, 3));
        Assert.All(mall.Meters.GroupBy(m => m.Bus), bus => Assert.InRange(bus.Count(), 1, 32));
    }

    [Fact]
    public void Generate_UnitIdsOnEachBus_AreUniqueAndValid()
    {
        var mall = Generate();

        foreach (var bus in mall.Meters.GroupBy(m => m.Bus))
        {
            var ids = bus.Select(m => m.Meter.UnitId).ToList();
            Assert.Equal(ids.Count, ids.Distinct().Count());
            Assert.All(ids, id => Assert.InRange(id, 1, 247));
        }
    }

    [Fact]
    public void Generate_SerialNumbersAndTenantUnits_AreUnique()
    {
        var mall = Generate();

        Assert.Equal(mall.Meters.Count, mall.Meters.Select(m => m.Meter.SerialNumber).Distinct().Count());
        Assert.Equal(mall.Tenants.Count, mall.Tenants.Select(t => t.Tenant.UnitNumber).Distinct().Count());
        Assert.Equal(mall.Tenants.Count, mall.Tenants.Select(t => t.Tenant.Name).Distinct().Count());
    }

    [Fact]
    public void Generate_WaterMeters_ShareTheAccountOfAnElectricityMeter()
    {
        var mall = Generate();

        var electricityTenants = mall.Meters.Where(m => m.Meter.Kind == MeterKind.Electricity && m.TenantIndex is not null)
            .Select(m => m.TenantIndex!.Value).ToHashSet();
        Assert.All(mall.Meters.Where(m => m.Meter.Kind == MeterKind.Water), w =>
        {
            Assert.NotNull(w.TenantIndex);
            Assert.Contains(w.TenantIndex!.Value, electricityTenants);
            Assert.Equal(BusinessType.FoodCourt, mall.Tenants[w.TenantIndex.Value].Tenant.BusinessType);
        });
    }

    [Fact]
    public void Generate_OpeningBalances_IncludeZeroLowAndComfortableAccounts()
    {
        var mall = Generate();
        var balances = mall.Tenants.Select(t => (t.OpeningBalance, t.Account)).ToList();

        Assert.Contains(balances, b => b.OpeningBalance == 0m);
        Assert.Contains(balances, b => b.OpeningBalance > 0m && b.OpeningBalance <= b.Account.AlarmAmount2);
        Assert.Contains(balances, b => b.OpeningBalance > b.Account.AlarmAmount2 && b.OpeningBalance <= b.Account.AlarmAmount1);
        Assert.True(balances.Count(b => b.OpeningBalance > b.Account.AlarmAmount1) > balances.Count / 2);
        Assert.All(balances, b => Assert.Equal(decimal.Round(b.OpeningBalance, 2), b.OpeningBalance));
    }

    [Fact]
    public void Generate_Tenants_HaveChineseAndEnglishNamesAndMobileNumbers()
    {
        var mall = Generate();

        Assert.All(mall.Tenants, t =>
        {
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", t.Tenant.Name);
            Assert.Matches("^[A-Za-z][A-Za-z ]+$", t.Tenant.NameEn);
            Assert.Matches("^1[3-9][0-9]{9}$", t.Tenant.Mobile);
            Assert.True(t.Tenant.LeasedAreaM2 > 0);
        });
    }

    [Fact]
    public void Generate_ThreePhaseMeters_BelongToAnchorsAndLargeRestaurants()
    {
        var mall = Generate();

        var owners = mall.Meters.Where(m => m.Meter.Profile == MeterProfile.PrepaidThreePhase)
            .Select(m => mall.Tenants[m.TenantIndex!.Value].Tenant.BusinessType).Distinct().ToHashSet();

        Assert.Equal(new HashSet<BusinessType> { BusinessType.Supermarket, BusinessType.Cinema, BusinessType.Ktv, BusinessType.Restaurant }, owners);
    }

    private static string Describe(DemoMall mall) => string.Join('\n',
        mall.Meters.Select(m => $"{m.Meter.SerialNumber}|{m.Meter.Name}|{m.Bus.Name}|{m.Meter.UnitId}|{m.TenantIndex}")
            .Concat(mall.Tenants.Select(t => $"{t.Tenant.Name}|{t.Tenant.Mobile}|{t.OpeningBalance}")));
}
