using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Prepaid.App.Kernel.Validation;
using Prepaid.App.Configuration.Tariffs;
using Prepaid.App.Kernel.Security;
using Prepaid.Domain.Model;
using Prepaid.Domain.Security;
using Prepaid.Domain.Tariffs;

namespace Prepaid.App.Tests.Configuration.Tariffs;

public sealed class TariffCreationTests
{
    // The test clock is on 2026-11-20 in Shanghai: a first version may start on the 21st.
    private static readonly DateOnly Tomorrow = new(2026, 11, 21);

    private static TariffConfigurationService Service(ConfigurationTestKit kit) => new(kit.Db, new AuditLog(kit.Db, kit.Clock), kit.Signal, kit.Clock);

    private static TariffDraft Flat(decimal? price) => new() { Kind = PricingKind.Flat, FlatPrice = price };

    private static async Task<(int Tariffs, int Versions, int Audits)> CountsAsync(ConfigurationTestKit kit)
    {
        await using var db = kit.Db.CreateDbContext();
        return (await db.Tariffs.CountAsync(), await db.TariffVersions.CountAsync(), await db.AuditEntries.CountAsync());
    }

    [Fact]
    public async Task CreateTariff_Administrator_CreatesTariffWithFirstVersionAuditedAndSignalled()
    {
        await using var kit = await ConfigurationTestKit.CreateAsync();
        // On a clock that never moves, the wait ends only when the change is signalled.
        var signalled = kit.Signal.WaitAsync(TimeSpan.FromMinutes(5), new FakeTimeProvider(), CancellationToken.None);

        var id = await Service(kit).CreateTariffAsync(ConfigurationTestKit.Admin, " W-FLAT ", "Water flat", Commodity.Water, Tomorrow, Flat(5.5m), "10.0.0.7");

        await signalled.WaitAsync(TimeSpan.FromSeconds(10));
        var row = Assert.Single(await Service(kit).ListAsync(ConfigurationTestKit.Manager), t => t.Id == id);
        Assert.Equal(("W-FLAT", "Water flat", Commodity.Water, 1), (row.Code, row.Name, row.Commodity, row.Versions));
        var version = Assert.Single(await Service(kit).VersionsAsync(ConfigurationTestKit.Manager, id));
        Assert.Equal((Tomorrow, TariffVersionState.Scheduled, 5.5m, "admin"), (version.ValidFrom, version.State, version.Plan.FlatPrice, version.CreatedBy));
        await using var db = kit.Db.CreateDbContext();
        Assert.Equal(MeterKind.Water, (await db.Tariffs.SingleAsync(t => t.Id == id)).Commodity);
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == "config.tariff.create");
        Assert.Equal(("admin", "tariff:W-FLAT", "10.0.0.7"), (audit.UserName, audit.Target, audit.Address));
        Assert.Contains("5.5", audit.After);
        var tariffs = (await kit.Query.ReferencesAsync(ConfigurationTestKit.Manager)).Tariffs;
        Assert.Contains(tariffs, t => t.Id == id);
    }

    [Fact]
    public async Task CreateTariff_DuplicateCode_RefusedNamingTheCodeAndNothingWritten()
    {
        await using var kit = await ConfigurationTestKit.CreateAsync();
        var before = await CountsAsync(kit);

        var refused = await Assert.ThrowsAsync<ConfigurationValidationException>(() =>
            Service(kit).CreateTariffAsync(ConfigurationTestKit.Admin, "E-TOU", "Another", Commodity.Electricity, Tomorrow, Flat(1m), null));

        var error = Assert.Single(refused.Errors);
        Assert.Equal(("Code", "Duplicate"), (error.Field, error.Code));
        Assert.Contains("E-TOU", error.Message);
        Assert.Equal(before, await CountsAsync(kit));
    }

    [Fact]
    public async Task CreateTariff_MissingCodeAndInvalidPlan_RefusedWithEachReasonAndNothingWritten()
    {
        await using var kit = await ConfigurationTestKit.CreateAsync();
        var before = await CountsAsync(kit);
        var draft = TariffDraft.From(TariffPlanExamples.CommercialTou2026());
        draft.Days[0].Segments[0].Start = "00:30";

        var refused = await Assert.ThrowsAsync<ConfigurationValidationException>(() =>
            Service(kit).CreateTariffAsync(ConfigurationTestKit.Admin, "  ", "New", Commodity.Electricity, Tomorrow, draft, null));

        Assert.Contains(refused.Errors, e => e is { Field: "Code", Code: "Required" });
        Assert.Contains(refused.Errors, e => e is { Field: "Plan", Code: "Tariff.Tou.FirstNotMidnight" } && e.Message.Contains("00:00", StringComparison.Ordinal));
        var noPrice = await Assert.ThrowsAsync<ConfigurationValidationException>(() =>
            Service(kit).CreateTariffAsync(ConfigurationTestKit.Admin, "E-NEW", "New", Commodity.Electricity, new DateOnly(2026, 11, 20), Flat(null), null));
        Assert.Equal("FlatPrice", Assert.Single(noPrice.Errors).Field);
        Assert.Equal(before, await CountsAsync(kit));
    }

    [Theory]
    [InlineData("2026-11-20")]
    [InlineData("2025-01-01")]
    public async Task CreateTariff_FirstVersionTodayOrInThePast_CreatedAndInForce(string validFrom)
    {
        await using var kit = await ConfigurationTestKit.CreateAsync();
        var from = DateOnly.Parse(validFrom, System.Globalization.CultureInfo.InvariantCulture);

        var id = await Service(kit).CreateTariffAsync(ConfigurationTestKit.Admin, "E-NOW", "Starts at once", Commodity.Electricity, from, Flat(1.25m), null);

        var versions = await Service(kit).VersionsAsync(ConfigurationTestKit.Admin, id);
        var version = Assert.Single(versions);
        Assert.Equal((from, TariffVersionState.InForce), (version.ValidFrom, version.State));
    }

    [Theory]
    [InlineData("2026-11-20")]
    [InlineData("2026-11-01")]
    public async Task SaveVersion_SecondVersionOfANewTariffTodayOrEarlier_RefusedAndNothingWritten(string validFrom)
    {
        await using var kit = await ConfigurationTestKit.CreateAsync();
        var id = await Service(kit).CreateTariffAsync(ConfigurationTestKit.Admin, "E-NOW", "Starts at once", Commodity.Electricity, new DateOnly(2026, 10, 1), Flat(1.25m), null);
        var before = await CountsAsync(kit);

        var refused = await Assert.ThrowsAsync<ConfigurationValidationException>(() => Service(kit).SaveVersionAsync(ConfigurationTestKit.Admin, id,
            DateOnly.Parse(validFrom, System.Globalization.CultureInfo.InvariantCulture), Flat(2m), null));

        Assert.Equal(("ValidFrom", "NotAfterToday"), (Assert.Single(refused.Errors).Field, refused.Errors[0].Code));
        Assert.Equal(before, await CountsAsync(kit));
        await Service(kit).SaveVersionAsync(ConfigurationTestKit.Admin, id, Tomorrow, Flat(2m), null);
        Assert.Equal([Tomorrow, new DateOnly(2026, 10, 1)], (await Service(kit).VersionsAsync(ConfigurationTestKit.Admin, id)).Select(v => v.ValidFrom));
    }

    [Fact]
    public async Task CreateTariff_Manager_DeniedOnTheServerAndNothingWritten()
    {
        await using var kit = await ConfigurationTestKit.CreateAsync();
        var before = await CountsAsync(kit);

        await Assert.ThrowsAsync<PermissionDeniedException>(() =>
            Service(kit).CreateTariffAsync(ConfigurationTestKit.Manager, "E-NEW", "New", Commodity.Electricity, Tomorrow, Flat(1m), null));

        Assert.Equal(before, await CountsAsync(kit));
    }
}
