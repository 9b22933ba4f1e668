using Microsoft.Playwright;

namespace Prepaid.Browser.Tests;

public sealed class MeterControlBrowserTests
{
    [Fact]
    public async Task DutyElectrician_TripsAMeterFromItsPage_SeesTheConfirmationAndTheSupplyOff()
    {
        await using var app = await BrowserApp.StartAsync(live: true);
        var page = await app.OpenAsync("/meters", userName: "electrician", password: "Demo-Electrician-2026");
        await page.Locator("[data-testid=meter-search] input, input[data-testid=meter-search]").FillAsync("L1-101-E");
        await Assertions.Expect(page.Locator("[data-testid=meter-count]")).ToHaveTextAsync("1 meters");
        await page.Locator("[data-testid^=meter-link-]").ClickAsync();
        await page.Locator("[data-testid=meter-name]").WaitForAsync();
        await Assertions.Expect(page.Locator("[data-testid=live-supply]")).ToHaveTextAsync("On", new() { Timeout = 30_000 });

        await page.Locator("[data-testid=command-Trip]").ClickAsync();
        await page.Locator("textarea[data-testid=command-reason]").First.FillAsync("Burning smell reported by the shop");
        await page.Locator("[data-testid=command-confirm]").ClickAsync();

        await Assertions.Expect(page.Locator("[data-testid=command-result]")).ToContainTextAsync("confirmed by reading the meter back", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("[data-testid=command-journal]")).ToContainTextAsync("electrician");
        await Assertions.Expect(page.Locator("[data-testid=command-journal]")).ToContainTextAsync("Burning smell reported by the shop");
        await Assertions.Expect(page.Locator("[data-testid=live-supply]")).ToHaveTextAsync("Off", new() { Timeout = 15_000 });
        await BrowserApp.SaveScreenshotAsync(page, "meter-tripped-en");
    }

    [Fact]
    public async Task Cashier_MeterPage_IsRefused()
    {
        await using var app = await BrowserApp.StartAsync();
        var page = await app.Browser.NewPageAsync();
        await page.GotoAsync(app.BaseUrl + "meters/5");
        await page.Locator("#username").FillAsync("cashier");
        await page.Locator("#password").FillAsync("Demo-Cashier-2026");

        await page.Locator("[data-testid=sign-in]").ClickAsync();

        // Signing in never lands on a refused page: the cashier is taken to the desk; asking again is refused.
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/cashier$"));
        await page.GotoAsync(app.BaseUrl + "meters/5");
        await Assertions.Expect(page.Locator("[data-testid=access-denied]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=meter-commands]")).ToHaveCountAsync(0);
    }
}
