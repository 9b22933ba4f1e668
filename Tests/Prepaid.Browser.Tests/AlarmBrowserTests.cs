using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Prepaid.Acquisition.Simulator;
using Prepaid.App.Alarms;
using Prepaid.App.Persistence;
using Prepaid.App.Simulation;
using Prepaid.Domain.Alarms;
using Prepaid.Domain.Model;
using Xunit.Abstractions;

namespace Prepaid.Browser.Tests;

public sealed class AlarmBrowserTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Alarm_OverPowerTrip_BannerOnTheWallUntilTheElectricianAcknowledgesIt()
    {
        await using var app = await BrowserApp.StartAsync(live: true);
        var wall = await app.OpenAsync("/wall", userName: "wall", password: "Demo-Wall-2026");
        await Assertions.Expect(wall.Locator("[data-testid=kpi-online]")).ToHaveTextAsync("382 / 382", new() { Timeout = 30_000 });
        await Assertions.Expect(wall.Locator("[data-testid=alarm-banner]")).ToHaveCountAsync(0);
        var (meterId, meterName, meter) = await LoadedShopMeterAsync(app);

        // The meter's own protection: power above a (newly pushed) limit for one second opens the relay.
        var clock = Stopwatch.StartNew();
        meter.Model.SetPowerLimit(true, decimal.Round(meter.PowerKw / 2, 3), 1);
        var tripped = WaitAsync(() => !meter.RelayClosed, clock);
        await Assertions.Expect(wall.Locator("[data-testid=alarm-banner]")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var bannerAt = clock.Elapsed;
        var trippedAt = await tripped;
        await Assertions.Expect(wall.Locator("[data-testid=alarm-banner-text]")).ToContainTextAsync(meterName);
        await Assertions.Expect(wall.Locator("[data-testid=alarm-banner-text]")).ToContainTextAsync("Over-power trip");
        await Assertions.Expect(wall.Locator("[data-testid=alarm-banner]")).ToHaveAttributeAsync("data-sound", "on");
        Assert.True(await wall.EvaluateAsync<bool>("() => window.prepaid.alarmSoundOn === true"));
        await BrowserApp.SaveScreenshotAsync(wall, "wall-alarm-en");

        var alarms = await app.OpenAsync("/alarms", userName: "electrician", password: "Demo-Electrician-2026");
        var row = alarms.Locator("[data-testid^=alarm-row-]", new() { HasText = meterName });
        await Assertions.Expect(row).ToHaveAttributeAsync("data-state", "ActiveUnacknowledged");
        await Assertions.Expect(row).ToContainTextAsync("Over-power trip");
        await BrowserApp.SaveScreenshotAsync(alarms, "alarms-en");
        await row.Locator("[data-testid^=ack-]").ClickAsync();
        await alarms.Locator("[data-testid=alarm-comment] input, input[data-testid=alarm-comment]").First.FillAsync("Tenant told to reduce the load");
        var acknowledgedAt = clock.Elapsed;
        await alarms.Locator("[data-testid=alarm-confirm]").ClickAsync();

        await Assertions.Expect(alarms.Locator("[data-testid=alarm-message]")).ToContainTextAsync("Alarms acknowledged: 1");
        await Assertions.Expect(row).ToHaveAttributeAsync("data-state", "ActiveAcknowledged");
        await Assertions.Expect(wall.Locator("[data-testid=alarm-banner]")).ToHaveCountAsync(0, new() { Timeout = 15_000 });
        var bannerGoneAt = clock.Elapsed;
        Assert.False(await wall.EvaluateAsync<bool>("() => window.prepaid.alarmSoundOn === true"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"relay open after {trippedAt?.TotalMilliseconds:F0} ms, banner after {bannerAt.TotalMilliseconds:F0} ms (trip to banner {(bannerAt - trippedAt)?.TotalMilliseconds:F0} ms), banner gone {(bannerGoneAt - acknowledgedAt).TotalMilliseconds:F0} ms after the acknowledge click"));

        await alarms.Locator(".mud-tab", new() { HasText = "History" }).ClickAsync();
        await Assertions.Expect(alarms.Locator("[data-testid=alarm-history]")).ToContainTextAsync("Tenant told to reduce the load");
        await alarms.WaitForTimeoutAsync(500); // the tab's transition, for the picture only
        await BrowserApp.SaveScreenshotAsync(alarms, "alarms-history-en");

        var chinese = await app.OpenAsync("/alarms", locale: "zh-CN", userName: "electrician", password: "Demo-Electrician-2026");
        await Assertions.Expect(chinese.Locator("[data-testid^=alarm-row-]", new() { HasText = meterName })).ToContainTextAsync("超功率跳闸");
        await BrowserApp.SaveScreenshotAsync(chinese, "alarms-zh-CN");

        // The KPIs' top sources: the test makes this meter the top source itself (failed commands, each an annunciation),
        // whatever other alarms the demo's history and the live site have raised this week.
        await MakeTopAlarmSourceAsync(app, meterId);
        var kpis = await app.OpenAsync("/alarms", userName: "electrician", password: "Demo-Electrician-2026");
        await kpis.Locator(".mud-tab", new() { HasText = "KPIs" }).ClickAsync();
        await Assertions.Expect(kpis.Locator("[data-testid=kpi-top] tbody tr").First).ToContainTextAsync(meterName);
        await kpis.WaitForTimeoutAsync(500); // the tab's transition, for the picture only
        await BrowserApp.SaveScreenshotAsync(kpis, "alarms-kpi-en");
    }

    /// <summary>Reports failed commands on the meter until it has more annunciations this week than any other source.</summary>
    private static async Task MakeTopAlarmSourceAsync(BrowserApp app, int meterId)
    {
        var query = app.Services.GetRequiredService<AlarmQuery>();
        var service = app.Services.GetRequiredService<AlarmService>();
        var source = new AlarmSource(AlarmSourceKind.Meter, meterId);
        var now = DateTimeOffset.UtcNow;
        var week = await query.KpiAsync(now.AddDays(-8), now, CancellationToken.None);
        var others = week.TopSources.Where(t => t.Source != source).Select(t => t.Count).DefaultIfEmpty(0).Max();
        var own = week.TopSources.Where(t => t.Source == source).Select(t => t.Count).DefaultIfEmpty(0).Max();
        var needed = others + 1 - own;
        for (var i = needed; i > 0; i--)
        {
            await service.ReportMomentaryAsync(source, AlarmCondition.CommandFailed, now.AddMilliseconds(-i), "Test: a failed command");
        }

        var after = await query.KpiAsync(now.AddDays(-8), DateTimeOffset.UtcNow, CancellationToken.None);
        Assert.True(after.TopSources.Count > 0 && after.TopSources[0].Source == source,
            $"The meter should now be the top alarm source (it had {own}, the busiest other source {others}, {needed} reported).");
    }

    /// <summary>A prepaid shop meter of the simulator that is supplying a real load.</summary>
    private static async Task<(int Id, string Name, SimulatedElectricityMeter Meter)> LoadedShopMeterAsync(BrowserApp app)
    {
        var simulator = await app.Services.GetRequiredService<SimulatorHostedService>().Started
            ?? throw new InvalidOperationException("The simulator did not start.");
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PrepaidDb>>().CreateDbContextAsync();
        var shops = await db.Meters.Where(m => m.Profile == MeterProfile.PrepaidSinglePhase).OrderBy(m => m.Id).Select(m => new { m.Id, m.Name }).ToListAsync();
        foreach (var shop in shops)
        {
            if (simulator.Meter(shop.Id.ToString(CultureInfo.InvariantCulture)) is SimulatedElectricityMeter { RelayClosed: true } meter && meter.PowerKw > 0.2m)
            {
                return (shop.Id, shop.Name, meter);
            }
        }

        throw new InvalidOperationException("No simulated shop meter is drawing power.");
    }

    private static async Task<TimeSpan?> WaitAsync(Func<bool> condition, Stopwatch clock)
    {
        try
        {
            return await Eventually.ValueAsync(() => condition() ? clock.Elapsed : (TimeSpan?)null, at => at is not null, "the condition", TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            return null;   // reported as no time
        }
    }
}
