using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Prepaid.App.Kernel.Commands;
using Prepaid.App.Meters.Pages;
using Prepaid.App.Tests.Support;
using Prepaid.Domain.Model;
using Prepaid.Domain.Security;

namespace Prepaid.App.Tests.Meters;

public sealed class MeterDetailPageTests
{
    private static async Task<int> ShopMeterAsync(TestDatabase database)
    {
        await using var db = database.CreateDbContext();
        return await db.Meters.Where(m => m.Profile == MeterProfile.PrepaidSinglePhase && m.BillingMode == BillingMode.Meter && m.AccountId != null)
            .OrderBy(m => m.Id).Select(m => m.Id).FirstAsync();
    }

    [Fact]
    public async Task Render_ShopMeterWithHistory_ShowsLiveTilesAndTheThreeCharts()
    {
        await using var database = await TestDatabase.CreateAsync(seedDemo: true, now: DateTimeOffset.UtcNow);
        await using var ctx = ComponentTestContext.Create("en", database, Roles.Manager);
        var meterId = await ShopMeterAsync(database);
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var today = Prepaid.App.Persistence.SiteTime.Today(DateTimeOffset.UtcNow, zone);
        await using (var db = database.CreateDbContext())
        {
            // Two full-hour days before today (1.25 kWh a quarter), and today's first half hour at 2 kW (0.5 kWh a quarter).
            foreach (var (day, quarters, kwh) in new[] { (today.AddDays(-2), 4, 1.25m), (today.AddDays(-1), 4, 1.25m), (today, 2, 0.5m) })
            {
                var midnight = Prepaid.App.Persistence.SiteTime.MidnightUtc(day, zone);
                for (var q = 0; q < quarters; q++)
                {
                    db.IntervalEnergies.Add(new IntervalEnergy { MeterId = meterId, IntervalStart = midnight.AddMinutes(15 * q), Total = kwh, Flat = kwh });
                }
            }

            await db.SaveChangesAsync();
        }

        var cut = ctx.Render<MeterDetailPage>(p => p.Add(c => c.MeterId, meterId));

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=chart-energy] rect.trend-bar")), TimeSpan.FromSeconds(10));
        Assert.Equal([5m, 5m, 1m], cut.FindAll("[data-testid=chart-energy] rect.trend-bar").Select(b => decimal.Parse(b.GetAttribute("data-value")!, System.Globalization.CultureInfo.InvariantCulture)));
        var power = cut.Find("[data-testid=chart-power] path.trend-line").GetAttribute("d")!;
        Assert.Equal((1, 1), (power.Count(c => c == 'M'), power.Count(c => c == 'L')));
        Assert.NotEmpty(cut.Find("[data-testid=chart-balance] path.trend-line").GetAttribute("d")!);
        Assert.Contains("Energy per day, last 30 days", cut.Markup);
        foreach (var tile in new[] { "live-quality", "live-supply", "live-power", "live-voltage", "live-current", "live-pf", "live-sharp", "live-valley", "live-balance", "live-purchases", "live-keep-power" })
        {
            Assert.Single(cut.FindAll($"[data-testid={tile}]"));
        }

        Assert.Equal("None", cut.Find("[data-testid=live-keep-power]").TextContent);
        Assert.Single(cut.FindAll("[data-testid=command-KeepPower]"));
    }

    [Fact]
    public async Task Render_AdministratorAndManager_OnlyTheOneWhoMayEditConfigurationGetsTheReplaceLink()
    {
        await using var database = await TestDatabase.CreateAsync(seedDemo: true);
        var meterId = await ShopMeterAsync(database);
        await using var admin = ComponentTestContext.Create("en", database, Roles.Administrator);
        await using var manager = ComponentTestContext.Create("en", database, Roles.Manager);

        var asAdmin = admin.Render<MeterDetailPage>(p => p.Add(c => c.MeterId, meterId));
        var asManager = manager.Render<MeterDetailPage>(p => p.Add(c => c.MeterId, meterId));

        asAdmin.WaitForAssertion(() => Assert.Single(asAdmin.FindAll("[data-testid=meter-replace-link]")), TimeSpan.FromSeconds(10));
        Assert.Equal($"/meters/{meterId}/replace", asAdmin.Find("[data-testid=meter-replace-link]").GetAttribute("href"));
        Assert.Contains("Replace the meter", asAdmin.Find("[data-testid=meter-replace-link]").TextContent);
        asManager.WaitForAssertion(() => Assert.Single(asManager.FindAll("[data-testid=command-Trip]")), TimeSpan.FromSeconds(10));
        Assert.Empty(asManager.FindAll("[data-testid=meter-replace-link]"));
    }

    [Fact]
    public async Task LiveChange_ReadingFromALaterInterval_ReloadsTheTrendCharts()
    {
        await using var database = await TestDatabase.CreateAsync(seedDemo: true, now: DateTimeOffset.UtcNow);
        await using var ctx = ComponentTestContext.Create("en", database, Roles.Manager);
        var meterId = await ShopMeterAsync(database);
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var now = DateTimeOffset.UtcNow;
        var midnight = Prepaid.App.Persistence.SiteTime.MidnightUtc(Prepaid.App.Persistence.SiteTime.Today(now, zone), zone);
        await using (var db = database.CreateDbContext())
        {
            db.IntervalEnergies.RemoveRange(db.IntervalEnergies.Where(i => i.MeterId == meterId));
            db.IntervalEnergies.Add(new IntervalEnergy { MeterId = meterId, IntervalStart = midnight, Total = 1m, Flat = 1m });
            await db.SaveChangesAsync();
        }

        var cut = ctx.Render<MeterDetailPage>(p => p.Add(c => c.MeterId, meterId));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=chart-energy] rect.trend-bar")), TimeSpan.FromSeconds(10));
        decimal Today() => decimal.Parse(cut.FindAll("[data-testid=chart-energy] rect.trend-bar")[^1].GetAttribute("data-value")!, System.Globalization.CultureInfo.InvariantCulture);
        var before = Today();
        await using (var db = database.CreateDbContext())
        {
            db.IntervalEnergies.Add(new IntervalEnergy { MeterId = meterId, IntervalStart = midnight.AddMinutes(15), Total = 2m, Flat = 2m });
            await db.SaveChangesAsync();
        }

        // The same interval: the charts stay as they are (no query per poll); a reading in the next one reloads them.
        var cache = ctx.Services.GetRequiredService<Prepaid.App.Kernel.Live.LiveStateCache>();
        cache.Apply([new MeterLiveState { MeterId = meterId, Quality = ValueQuality.Good, UpdatedAt = now, LastGoodAt = now, PowerKw = 1m }]);
        // The page renders the new power only after deciding whether to reload the charts.
        cut.WaitForAssertion(() => Assert.Equal("1.000", cut.Find("[data-testid=live-power]").TextContent.Trim()), TimeSpan.FromSeconds(10));
        var sameInterval = Today();
        var later = now.AddMinutes(15);
        cache.Apply([new MeterLiveState { MeterId = meterId, Quality = ValueQuality.Good, UpdatedAt = later, LastGoodAt = later, PowerKw = 2m }]);

        cut.WaitForAssertion(() => Assert.Equal(3m, Today()), TimeSpan.FromSeconds(10));
        Assert.Equal((1m, 1m), (before, sameInterval));
    }

    [Fact]
    public async Task Render_DutyElectrician_SeesTripAndCloseButNotKeepPowerOrPrices()
    {
        await using var database = await TestDatabase.CreateAsync(seedDemo: true);
        await using var ctx = ComponentTestContext.Create("zh-CN", database, Roles.DutyElectrician);
        var meterId = await ShopMeterAsync(database);

        var cut = ctx.Render<MeterDetailPage>(p => p.Add(c => c.MeterId, meterId));

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=command-Trip]")), TimeSpan.FromSeconds(10));
        Assert.Single(cut.FindAll("[data-testid=command-Close]"));
        Assert.Empty(cut.FindAll("[data-testid=command-KeepPower]"));
        Assert.Empty(cut.FindAll("[data-testid=command-Release]"));
        Assert.Empty(cut.FindAll("[data-testid=command-PushPrices]"));
        Assert.Contains("近30天每日电量", cut.Markup);
    }

    [Fact]
    public async Task Trip_ThroughTheDialog_IsJournaledWithTheReasonAndItsOutcomeShown()
    {
        await using var database = await TestDatabase.CreateAsync(seedDemo: true);
        await using var ctx = ComponentTestContext.Create("en", database, Roles.DutyElectrician);
        var meterId = await ShopMeterAsync(database);
        var provider = ctx.Render<MudDialogProvider>();
        var cut = ctx.Render<MeterDetailPage>(p => p.Add(c => c.MeterId, meterId));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=command-Trip]")), TimeSpan.FromSeconds(10));

        cut.Find("[data-testid=command-Trip]").Click();
        provider.WaitForAssertion(() => Assert.Single(provider.FindAll("textarea[data-testid=command-reason]")));
        provider.Find("textarea[data-testid=command-reason]").Input("Smoke in the shop");
        provider.Find("[data-testid=command-confirm]").Click();

        // Acquisition is off in this context: the journaled command is refused for want of a bus, and the page says so.
        cut.WaitForAssertion(() => Assert.Contains("Trip refused", cut.Find("[data-testid=command-result]").TextContent), TimeSpan.FromSeconds(10));
        cut.WaitForAssertion(() => Assert.Contains("Smoke in the shop", cut.Find("[data-testid=command-journal]").TextContent));
        await using var db = database.CreateDbContext();
        var command = await db.MeterCommands.SingleAsync();
        Assert.Equal((meterId, MeterCommandKind.Trip, "test-user", MeterCommandState.Refused), (command.MeterId, command.Kind, command.RequestedBy, command.State));
    }

    [Fact]
    public async Task CommandProgress_PublishedForThisMeter_IsShownUntilItCompletes()
    {
        await using var database = await TestDatabase.CreateAsync(seedDemo: true);
        await using var ctx = ComponentTestContext.Create("en", database, Roles.DutyElectrician);
        var meterId = await ShopMeterAsync(database);
        var cut = ctx.Render<MeterDetailPage>(p => p.Add(c => c.MeterId, meterId));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=command-Trip]")), TimeSpan.FromSeconds(10));
        var notifier = ctx.Services.GetRequiredService<MeterCommandNotifier>();
        MeterCommand Command(MeterCommandState state, int meter = 0) => new()
        {
            Id = 77, MeterId = meter == 0 ? meterId : meter, Kind = MeterCommandKind.Trip, State = state, RequestedBy = "relay-policy", Reason = "Arrears",
        };

        notifier.Publish(Command(MeterCommandState.Sent, meter: meterId + 1));
        notifier.Publish(Command(MeterCommandState.Sent));

        cut.WaitForAssertion(() => Assert.Equal("Sent", cut.Find("[data-testid=command-progress-77]").GetAttribute("data-state")));
        Assert.Contains("relay-policy", cut.Find("[data-testid=command-progress-77]").TextContent);
        notifier.Publish(Command(MeterCommandState.Confirmed));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=command-progress-77]")));
    }
}
