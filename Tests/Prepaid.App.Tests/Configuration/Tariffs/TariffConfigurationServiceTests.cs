using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Prepaid.App.Billing.MeterBilling;
using Prepaid.App.Kernel.Commands;
using Prepaid.App.Kernel.Validation;
using Prepaid.App.Configuration.Tariffs;
using Prepaid.App.Kernel.Security;
using Prepaid.Domain.Model;
using Prepaid.Domain.Security;
using Prepaid.Domain.Tariffs;

namespace Prepaid.App.Tests.Configuration.Tariffs;

public sealed class TariffConfigurationServiceTests
{
    // The test clock starts on 2026-11-20 10:30 in Shanghai: the first day a new version may start is the 21st.
    private static readonly DateOnly Tomorrow = new(2026, 11, 21);

    private static TariffConfigurationService Service(ConfigurationTestKit kit) => new(kit.Db, new AuditLog(kit.Db, kit.Clock), kit.Signal, kit.Clock);

    private static async Task<int> TariffIdAsync(ConfigurationTestKit kit, string code)
    {
        await using var db = kit.Db.CreateDbContext();
        return await db.Tariffs.Where(t => t.Code == code).Select(t => t.Id).SingleAsync();
    }

    private static async Task<int> VersionCountAsync(ConfigurationTestKit kit)
    {
        await using var db = kit.Db.CreateDbContext();
        return await db.TariffVersions.CountAsync();
    }

    private static TariffDraft TouDraft() => TariffDraft.From(TariffPlanExamples.CommercialTou2026());

    private static async Task<ConfigurationValidationException> RefusedAsync(ConfigurationTestKit kit, string code, TariffDraft draft, DateOnly? validFrom = null)
    {
        var before = await VersionCountAsync(kit);
        var id = await TariffIdAsync(kit, code);
        var refused = await Assert.ThrowsAsync<ConfigurationValidationException>(() => Service(kit).SaveVersionAsync(ConfigurationTestKit.Admin, id, validFrom ?? Tomorrow, draft, null));
        Assert.Equal(before, await VersionCountAsync(kit));
        return refused;
    }

    [Fact]
    public async Task SaveVersion_TouSegmentsOverlap_RefusedNamingTheSegment()
    {
        await using var kit = await ConfigurationTestKit.CreateAsync();
        var draft = TouDraft();
        draft.Days[0].Segments[2].Start = "06:30"; // after 07:00: the day would run backwards

        var refused = await RefusedAsync(kit, "E-TOU", draft);

        var error = Assert.Single(refused.Errors);
        Assert.Equal("Tariff.Tou.NotIncreasing", error.Code);
        Assert.Contains("'normal' segment 3 (06:30)", error.Message);
    }

    [Fact]
    public async Task SaveVersion_DayNotStartingAtMidnight_RefusedAsAGap()
    {
        await using var kit = await ConfigurationTestKit.CreateAsync();
        var draft = TouDraft();
        draft.Days[0].Segments[0].Start = "00:30";

        var refused = await RefusedAsync(kit, "E-TOU", draft);

        Assert.Contains(refused.Errors, e => e.Message.Contains("'normal'", StringComparison.Ordinal) && e.Message.Contains("00:00", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SaveVersion_StartIsNotATime_RefusedWithTheText()
    {
        await using var kit = await ConfigurationTestKit.CreateAsync();
        var draft = TouDraft();
        draft.Days[1].Segments[4].Start = "25:00";

        var refused = await RefusedAsync(kit, "E-TOU", draft);

        var error = Assert.Single(refused.Errors);
        Assert.Equal("'summer' segment 5: '25:00' is not a time of day HH:mm (for example 08:00).", error.Message);
    }

    [Fact]
    public async Task SaveVersion_FifteenSegments_RefusedAsMoreThanFourteen()
    {
        await using var kit = await ConfigurationTestKit.CreateAsync();
        var draft = TouDraft();
        draft.Days[0].Segments = [.. Enumerable.Range(0, 15).Select(h => new SegmentDraft { Start = $"{h:00}:00", Rate = h % 2 == 0 ? TouRate.Valley : TouRate.Peak })];

        var refused = await RefusedAsync(kit, "E-TOU", draft);

        Assert.Contains(refused.Errors, e => e.Message.Contains("14", StringComparison.Ordinal) && e.Message.Contains("'normal'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SaveVersion_TiersNotAscending_Refused()
    {
        await using var kit = await ConfigurationTestKit.CreateAsync();
        var draft = TariffDraft.From(TariffPlanExamples.WaterTiered2026());
        draft.Tiers[1].UpTo = 25m;

        var refused = await RefusedAsync(kit, "W-TIER", draft);

        var error = Assert.Single(refused.Errors);
        Assert.Contains("25", error.Message);
        Assert.Contains("30", error.Message);
    }

    [Theory]
    [InlineData("-0.1", "negative")]
    [InlineData("0.12345", "more than 4 decimals")]
    public async Task SaveVersion_BadRatePrice_RefusedWithTheReason(string price, string reason)
    {
        await using var kit = await ConfigurationTestKit.CreateAsync();
        var draft = TouDraft();
        draft.Rates.Single(r => r.Rate == TouRate.Peak).Price = decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture);

        var refused = await RefusedAsync(kit, "E-TOU", draft);

        Assert.Contains(refused.Errors, e => e.Message.Contains(reason, StringComparison.Ordinal) && e.Message.Contains("Peak", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SaveVersion_ValidFromToday_RefusedBecauseAVersionInForceIsNeverChanged()
    {
        await using var kit = await ConfigurationTestKit.CreateAsync();

        var refused = await RefusedAsync(kit, "E-TOU", TouDraft(), new DateOnly(2026, 11, 20));

        Assert.Equal("NotAfterToday", Assert.Single(refused.Errors).Code);
    }

    [Fact]
    public async Task SaveVersion_Manager_DeniedOnTheServerAndNothingWritten()
    {
        await using var kit = await ConfigurationTestKit.CreateAsync();
        var id = await TariffIdAsync(kit, "E-TOU");
        var before = await VersionCountAsync(kit);

        await Assert.ThrowsAsync<PermissionDeniedException>(() => Service(kit).SaveVersionAsync(ConfigurationTestKit.Manager, id, Tomorrow, TouDraft(), null));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => Service(kit).ListAsync(ConfigurationTestKit.Cashier));

        Assert.Equal(before, await VersionCountAsync(kit));
        Assert.NotEmpty(await Service(kit).ListAsync(ConfigurationTestKit.Manager));
    }

    [Fact]
    public async Task SaveVersion_Administrator_AddsAScheduledVersionReplacesItAndWithdrawsIt_Audited()
    {
        await using var kit = await ConfigurationTestKit.CreateAsync();
        var service = Service(kit);
        var id = await TariffIdAsync(kit, "E-TOU");
        var draft = TouDraft();
        draft.Rates.Single(r => r.Rate == TouRate.Peak).Price = 1.25m;

        var versionId = await service.SaveVersionAsync(ConfigurationTestKit.Admin, id, Tomorrow, draft, "10.0.0.9");
        draft.Rates.Single(r => r.Rate == TouRate.Peak).Price = 1.2m;
        var replacedId = await service.SaveVersionAsync(ConfigurationTestKit.Admin, id, Tomorrow, draft, "10.0.0.9");

        Assert.Equal(versionId, replacedId);
        var versions = await service.VersionsAsync(ConfigurationTestKit.Manager, id);
        Assert.Equal([TariffVersionState.Scheduled, TariffVersionState.InForce], versions.Select(v => v.State));
        Assert.Equal(1.2m, versions[0].Plan.Tou!.PriceOf(TouRate.Peak));
        Assert.Equal(Tomorrow, versions[0].Plan.ValidFrom);
        await using (var db = kit.Db.CreateDbContext())
        {
            var audits = await db.AuditEntries.Where(a => a.Action.StartsWith("config.tariff-version")).OrderBy(a => a.Id).ToListAsync();
            Assert.Equal(["config.tariff-version.create", "config.tariff-version.replace"], audits.Select(a => a.Action));
            Assert.All(audits, a => Assert.Equal(("admin", "tariff:E-TOU", "10.0.0.9"), (a.UserName, a.Target, a.Address)));
            Assert.Contains("1.25", audits[1].Before);
        }

        var inForce = versions[1];
        await Assert.ThrowsAsync<ConfigurationValidationException>(() => service.DeleteScheduledVersionAsync(ConfigurationTestKit.Admin, inForce.Id, null));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => service.DeleteScheduledVersionAsync(ConfigurationTestKit.Manager, versionId, null));
        await service.DeleteScheduledVersionAsync(ConfigurationTestKit.Admin, versionId, null);
        Assert.Equal([TariffVersionState.InForce], (await service.VersionsAsync(ConfigurationTestKit.Admin, id)).Select(v => v.State));
    }

    [Fact]
    public async Task SaveVersion_NewVersion_IsPushedToMeterBillingMetersWhenItComesIntoForce()
    {
        await using var kit = await ConfigurationTestKit.CreateAsync();
        var tariffId = await TariffIdAsync(kit, "E-TOU");
        int meterId;
        await using (var db = kit.Db.CreateDbContext())
        {
            var meter = await db.Meters.Where(m => m.TariffId == tariffId && m.Profile == MeterProfile.PrepaidSinglePhase).OrderBy(m => m.Id).FirstAsync();
            meter.BillingMode = BillingMode.Meter;
            await db.SaveChangesAsync();
            meterId = meter.Id;
        }

        var pusher = new MeterSettingsPusher(kit.Db,
            new MeterCommandRunner(kit.Db, new MeterCommandNotifier(TimeProvider.System, NullLogger<MeterCommandNotifier>.Instance), kit.Clock, NullLogger<MeterCommandRunner>.Instance),
            new NoSubmitter(), Options.Create(new MeterBillingOptions()), kit.Clock, NullLogger<MeterSettingsPusher>.Instance);
        async Task<List<(Meter Meter, string Kind, string Fingerprint, string Why)>> DueAsync()
        {
            await using var db = kit.Db.CreateDbContext();
            return [.. (await pusher.DueAsync(db, kit.Clock.GetUtcNow(), default)).Where(d => d.Meter.Id == meterId && d.Kind == "parameters")];
        }

        // The meter confirmed the prices in force today.
        var current = Assert.Single(await DueAsync());
        await using (var db = kit.Db.CreateDbContext())
        {
            db.MeterSettingsPushes.Add(new MeterSettingsPush { MeterId = meterId, ParametersFingerprint = current.Fingerprint, ConfirmedAt = kit.Clock.GetUtcNow() });
            await db.SaveChangesAsync();
        }

        var draft = TouDraft();
        draft.Rates.Single(r => r.Rate == TouRate.Peak).Price = 1.25m;
        var versionId = await Service(kit).SaveVersionAsync(ConfigurationTestKit.Admin, tariffId, Tomorrow, draft, null);

        Assert.Empty(await DueAsync());
        kit.Clock.Advance(TimeSpan.FromHours(14)); // 2026-11-21 00:30 in Shanghai
        var due = Assert.Single(await DueAsync());
        Assert.Contains("p:1.3800/1.2500/0.7500/0.3500", due.Fingerprint);
        Assert.Contains($"tariff version {versionId} (valid from 2026-11-21)", due.Why);
    }

    private sealed class NoSubmitter : App.Kernel.Contracts.ICommandSubmitter
    {
        public Func<Acquisition.Polling.AcquisitionCommand, Task<Acquisition.Polling.CommandResult>>? Submit => null;
    }
}
