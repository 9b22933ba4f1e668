using Microsoft.Playwright;

namespace Prepaid.Browser.Tests;

public sealed class MeterOperationsBrowserTests
{
    [Fact]
    public async Task Manager_KeepPowerWithExpiryInChinese_IsConfirmedAndShownOnTheMeterPage()
    {
        await using var app = await BrowserApp.StartAsync(live: true);
        var page = await app.OpenAsync("/meters", locale: "zh-CN");
        await page.Locator("input[data-testid=meter-search]").FillAsync("L1-101-E");
        await Assertions.Expect(page.Locator("[data-testid=meter-count]")).ToHaveTextAsync("共 1 块表");
        await page.Locator("[data-testid^=meter-link-]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=live-quality]")).ToContainTextAsync("在线", new() { Timeout = 30_000 });

        await page.Locator("[data-testid=command-KeepPower]").ClickAsync();
        await page.Locator("[data-testid=expiry-Meter\\.Dialog\\.Hours4]").ClickAsync();
        await page.Locator("textarea[data-testid=command-reason]").FillAsync("冷库货物，周末保电");
        await page.Locator("[data-testid=command-confirm]").ClickAsync();

        await Assertions.Expect(page.Locator("[data-testid=command-result]")).ToContainTextAsync("回读确认", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("[data-testid=live-keep-power]")).ToContainTextAsync("至");
        await Assertions.Expect(page.Locator("[data-testid=command-journal]")).ToContainTextAsync("冷库货物，周末保电");
        await BrowserApp.SaveScreenshotAsync(page, "meter-zh-CN");
    }

    [Fact]
    public async Task Manager_BatchReadOnTwoSelectedMeters_ShowsTheSummary()
    {
        await using var app = await BrowserApp.StartAsync(live: true);
        var page = await app.OpenAsync("/meters");
        await page.Locator("input[data-testid=meter-search]").FillAsync("L1-10");
        await Assertions.Expect(page.Locator("[data-testid=meter-count]")).Not.ToHaveTextAsync("382 meters");
        // The count changes before the grid has rendered the filtered rows: a click on a row of the unfiltered page
        // selects a meter the reload then drops. Wait until the rows themselves are the filtered ones.
        var rows = page.Locator("[data-testid=meters-grid] tbody tr");
        await Assertions.Expect(rows.First).ToContainTextAsync("L1-10");
        await Assertions.Expect(rows.Nth(1)).ToContainTextAsync("L1-10");
        var boxes = page.Locator("[data-testid=meters-grid] tbody tr input[type=checkbox]");
        // One at a time, each confirmed by the server's render: a second click sent while the first one's render is
        // still in flight could be applied to the selection the first render replaces.
        await boxes.Nth(0).CheckAsync(new() { Force = true });
        await Assertions.Expect(page.Locator("[data-testid=selection-count]")).ToHaveTextAsync("1 selected");
        await boxes.Nth(1).CheckAsync(new() { Force = true });
        await Assertions.Expect(page.Locator("[data-testid=selection-count]")).ToHaveTextAsync("2 selected");

        await page.Locator("[data-testid=batch-menu] button").First.ClickAsync();
        await page.Locator("[data-testid=batch-ReadState]").ClickAsync();
        await page.Locator("textarea[data-testid=command-reason]").FillAsync("Check after the storm");
        await page.Locator("[data-testid=command-confirm]").ClickAsync();

        await Assertions.Expect(page.Locator("[data-testid=batch-panel]")).ToHaveAttributeAsync("data-done", "yes", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("[data-testid=batch-summary]")).ToHaveTextAsync("2 of 2 done: 2 confirmed, 0 failed, 0 refused");
        await BrowserApp.SaveScreenshotAsync(page, "meters-batch-en");
    }
}
